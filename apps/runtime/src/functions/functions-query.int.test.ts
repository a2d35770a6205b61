import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bestSandbox,
  createFunctionsTestBed,
  type FunctionsTestBed,
} from "./functions.test-bed.js";

const PROJECT = "query-app";

// Writes the documents the queries below read (as the function: an admin).
const SEED = `export default async (_data, context) => {
  const doc = (name, fields) => ({ update: { name, fields } });
  const n = (v) => ({ integerValue: String(v) });
  await context.documents.commit([
    doc("users/u1", { name: { stringValue: "Ada" } }),
    doc("users/u1/notes/a", { n: n(1), tag: { stringValue: "x" } }),
    doc("users/u1/notes/b", { n: n(3), tag: { stringValue: "x" } }),
    doc("users/u1/notes/c", { n: n(2), tag: { stringValue: "y" } }),
    doc("users/u2/notes/d", { n: n(5), tag: { stringValue: "x" } }),
  ]);
  return null;
};`;
// Runs the query it is given; answers the documents' names and n, or the error it got.
const QUERY = `export default async (query, context) => {
  try {
    const docs = await context.documents.query(query);
    return docs.map((d) => [d.name, d.fields.n ? d.fields.n.integerValue : null, typeof d.updateTime]);
  } catch (e) {
    return { error: e.message };
  }
};`;

const eq = (fieldPath: string, value: unknown) => ({
  fieldFilter: { field: { fieldPath }, op: "EQUAL", value },
});

const sandbox = await bestSandbox();
if (!sandbox.make) console.warn(`SKIPPED (${sandbox.label}): function queries`);

/** `context.documents.query` end to end: the runtime's query engine behind the host API. */
describe.skipIf(!sandbox.make)(`context.documents.query (${sandbox.label})`, () => {
  const database = useTestDatabase("runtime_fn_query");
  let bed: FunctionsTestBed;
  const query = async (q: unknown) => {
    const res = await bed.api("POST", "/functions/query:call", { data: q });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().result;
  };

  beforeAll(async () => {
    bed = await createFunctionsTestBed(database.url, PROJECT, sandbox.make!);
    await bed.deploy("seed", SEED, { kind: "callable" });
    await bed.deploy("query", QUERY, { kind: "callable" });
    const seeded = await bed.api("POST", "/functions/seed:call", { data: null });
    expect(seeded.statusCode, seeded.body).toBe(200);
  }, 600_000);
  afterAll(async () => {
    await bed?.close();
  });

  it("filters, orders and limits one collection", async () => {
    const result = await query({
      parent: "users/u1",
      collectionId: "notes",
      where: eq("tag", { stringValue: "x" }),
      orderBy: [{ field: { fieldPath: "n" }, direction: "DESCENDING" }],
      limit: 1,
    });
    expect(result).toEqual([["users/u1/notes/b", "3", "string"]]);
  });

  it("lists a collection, and a collection group at every depth", async () => {
    expect((await query({ parent: "", collectionId: "users" })).map((r: string[]) => r[0])).toEqual(
      ["users/u1"],
    );
    const group = await query({
      parent: "",
      collectionId: "notes",
      allDescendants: true,
      where: {
        fieldFilter: {
          field: { fieldPath: "n" },
          op: "GREATER_THAN_OR_EQUAL",
          value: { integerValue: "2" },
        },
      },
    });
    expect(group.map((r: string[]) => r[0])).toEqual([
      "users/u1/notes/c",
      "users/u1/notes/b",
      "users/u2/notes/d",
    ]);
  });

  it("tells the function what is wrong with a query", async () => {
    expect(await query({ collectionId: "notes", select: [] })).toEqual({
      error: "invalid-argument: query: unknown key(s) select",
    });
    expect(await query({ parent: "", collectionId: "notes", where: { fieldFilter: {} } })).toEqual({
      error: expect.stringMatching(/^invalid-argument: structuredQuery\.where\.fieldFilter/),
    });
  });
});
