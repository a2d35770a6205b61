import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRuntime, type TestRuntime } from "../../testing/index.js";
import { loadIndexes } from "../indexes/index-store.js";
import { parseDocumentPath } from "../model/paths.js";
import { integerValue, stringValue, type DocFields } from "../model/value.js";
import { DocumentStore } from "./document-store.js";

const PROJECT = "opt-app";
const fields = (n: number): DocFields =>
  new Map([
    ["tag", stringValue("x")],
    ["n", integerValue(n)],
  ]);

/**
 * The one-document commit path: it writes only when the document and the collection's
 * indexes are still what it read, and otherwise writes nothing, so the commit can run again
 * the locked way.
 */
describe("optimistic one-document writes", () => {
  const database = useTestDatabase("runtime_optimistic");
  let runtime: TestRuntime;
  let store: DocumentStore;
  let key: string;

  const entries = async (path: string) =>
    Number(
      (
        await runtime.pool.query<{ n: string }>(
          "select count(*) as n from runtime.index_entries where project_id = $1 and document_path = $2",
          [PROJECT, path],
        )
      ).rows[0]!.n,
    );
  /** Reads `path`, lets `meanwhile` run, then tries to store `n`. */
  const write = (
    path: string,
    n: number,
    indexes = [] as Awaited<ReturnType<typeof loadIndexes>>,
    meanwhile = async () => {},
  ) =>
    store.optimistic(PROJECT, indexes, async (tx) => {
      const existing = await tx.lock(PROJECT, [path]);
      await meanwhile();
      await tx.put(PROJECT, parseDocumentPath(path), fields(n), existing.get(path));
      tx.notify(PROJECT, [path]);
      return "written";
    });

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url);
    key = await runtime.createProject(PROJECT);
    store = new DocumentStore(runtime.pool);
  });
  afterAll(() => runtime.close());

  it("creates and updates a document with its index entries", async () => {
    expect(await write("notes/a", 1)).toBe("written");
    expect(await write("notes/a", 2)).toBe("written");
    const doc = await store.get(PROJECT, "notes/a");
    expect(doc?.fields.get("n")).toEqual(integerValue(2));
    expect(doc?.version).toBe(2n);
    expect(await entries("notes/a")).toBe(2);
  });

  it("writes nothing when the document was created or changed after it was read", async () => {
    expect(
      await write("notes/b", 1, [], () => write("notes/b", 9).then(() => undefined)),
    ).toBeUndefined();
    expect((await store.get(PROJECT, "notes/b"))?.fields.get("n")).toEqual(integerValue(9));
    expect(
      await write("notes/b", 2, [], () => write("notes/b", 8).then(() => undefined)),
    ).toBeUndefined();
    expect((await store.get(PROJECT, "notes/b"))?.fields.get("n")).toEqual(integerValue(8));
  });

  it("loses no update when many commits change one document at once", async () => {
    const increment = () =>
      runtime.app.inject({
        method: "POST",
        url: `/v1/projects/${PROJECT}/documents:commit`,
        headers: { authorization: `Bearer ${key}` },
        payload: {
          writes: [
            {
              update: { name: "counters/c", fields: {} },
              updateMask: { fieldPaths: [] },
              updateTransforms: [{ fieldPath: "n", increment: { integerValue: "1" } }],
            },
          ],
        },
      });
    const answers = await Promise.all(Array.from({ length: 24 }, increment));
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
    expect((await store.get(PROJECT, "counters/c"))?.fields.get("n")).toEqual(integerValue(24));
  });

  it("writes nothing when the collection's composite indexes are not those it was given", async () => {
    const deployed = await runtime.app.inject({
      method: "PUT",
      url: `/v1/projects/${PROJECT}/admin/indexes`,
      headers: { authorization: `Bearer ${key}` },
      payload: {
        indexes: [
          {
            collectionGroup: "notes",
            fields: [
              { fieldPath: "tag", order: "ASCENDING" },
              { fieldPath: "n", order: "DESCENDING" },
            ],
          },
        ],
      },
    });
    expect(deployed.statusCode, deployed.body).toBe(200);
    // Entries computed without the new index must not be stored.
    expect(await write("notes/c", 1, [])).toBeUndefined();
    expect(await store.get(PROJECT, "notes/c")).toBeUndefined();
    const current = await loadIndexes(runtime.pool, PROJECT);
    expect(await write("notes/c", 1, current)).toBe("written");
    expect(await entries("notes/c")).toBe(3);
  });
});
