import { evaluateAsync, prepareFirestoreRequest, RTimestamp, RulesProgram } from "@winky/rules";
import { describe, expect, it } from "vitest";
import { parseQuery } from "./parse-query.js";
import { toRulesQuery } from "./rules-query.js";

const str = (s: string) => ({ stringValue: s });
const arr = (...values: unknown[]) => ({ arrayValue: { values } });
const where = (path: string, op: string, value: unknown) => ({
  fieldFilter: { field: { fieldPath: path }, op, value },
});
const query = (filter: unknown) =>
  parseQuery({ structuredQuery: { from: [{ collectionId: "items" }], where: filter } }, "demo");

/** Whether a list of `items` with `filter` is allowed by `condition` on `resource.data`. */
async function allowed(condition: string, filter: unknown): Promise<boolean> {
  const program = RulesProgram.compile(
    `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /items/{id} { allow list: if ${condition}; }
  }
}`,
    "firestore.rules",
  );
  const requests = prepareFirestoreRequest({
    method: "list",
    path: "items",
    query: toRulesQuery(query(filter)),
    auth: null,
    time: new RTimestamp(0, 0),
  });
  for (const request of requests) {
    if (!(await evaluateAsync(program, { ...request, explain: false })).allowed) return false;
  }
  return true;
}

describe("toRulesQuery", () => {
  it("gives != on an array as excluding that one array", async () => {
    const filter = where("tags", "NOT_EQUAL", arr(str("x"), str("y")));
    expect(toRulesQuery(query(filter)).where).toEqual([["tags", "not-in", [["x", "y"]]]]);
    // The query returns tags == "x" (a string): a rule needing tags != "x" must not pass.
    expect(await allowed("resource.data.tags != 'x'", filter)).toBe(false);
    expect(await allowed("resource.data.tags != ['x', 'y']", filter)).toBe(true);
  });

  it("proves != and not-in conditions on the excluded values only", async () => {
    expect(await allowed("resource.data.c != 'red'", where("c", "NOT_EQUAL", str("red")))).toBe(
      true,
    );
    expect(await allowed("resource.data.c != 'blue'", where("c", "NOT_EQUAL", str("red")))).toBe(
      false,
    );
    const notIn = where("c", "NOT_IN", arr(str("red"), str("blue")));
    expect(await allowed("resource.data.c != 'blue'", notIn)).toBe(true);
  });

  it("gives in on arrays one disjunct per array", async () => {
    const filter = where("tags", "IN", arr(arr(str("x")), arr(str("y"))));
    expect(await allowed("resource.data.tags.size() == 1", filter)).toBe(true);
    expect(await allowed("resource.data.tags[0] == 'x'", filter)).toBe(false);
  });
});
