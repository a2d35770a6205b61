import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRuntime, type TestRuntime } from "../../../testing/index.js";
import { loadIndexes } from "../../indexes/index-store.js";
import { readCandidates } from "../../store/index-scan.js";
import { matches } from "../matcher.js";
import { afterStart, beforeEnd, compareOrder, orderValues } from "../order.js";
import { parseQuery } from "../parse-query.js";
import type { Query } from "../query-model.js";
import { planQuery } from "./plan-query.js";
import { random, randomFields, randomId, randomQuery } from "./random-queries.js";

const PROJECT = "planner-app";
const ROOT = `projects/${PROJECT}/databases/(default)/documents`;
const SEED = 20261126;
const QUERIES = 400;

const INDEXES: { indexes: Array<{ fields: Array<Record<string, string>> }> } = {
  indexes: [
    ["kind", "ASCENDING", "n", "DESCENDING"],
    ["kind", "ASCENDING", "n", "ASCENDING"],
    ["kind", "ASCENDING", "m", "ASCENDING"],
    ["m", "ASCENDING", "n", "DESCENDING"],
    ["kind", "ASCENDING", "m", "ASCENDING", "n", "DESCENDING"],
    ["m", "ASCENDING", "__name__", "DESCENDING"],
  ]
    .flatMap((f) => [
      { collectionGroup: "items", queryScope: "COLLECTION", fields: pairs(f) },
      { collectionGroup: "items", queryScope: "COLLECTION_GROUP", fields: pairs(f) },
    ])
    .concat([
      {
        collectionGroup: "items",
        queryScope: "COLLECTION",
        fields: [
          { fieldPath: "tags", arrayConfig: "CONTAINS" },
          { fieldPath: "n", order: "ASCENDING" },
        ],
      },
    ]),
};

function pairs(f: string[]): Array<Record<string, string>> {
  const out = [];
  for (let i = 0; i < f.length; i += 2) out.push({ fieldPath: f[i]!, order: f[i + 1]! });
  return out;
}

/**
 * The planner against a full scan: seeded random documents (missing fields, mixed types,
 * arrays, ids whose byte order is not a locale's) and random queries; every query must give
 * the same documents in the same order both ways, with and without composite indexes, and a
 * strict project must either agree or ask for an index.
 */
describe("query planner", () => {
  const database = useTestDatabase("runtime_planner");
  let runtime: TestRuntime;
  let key: string;
  const names: string[] = [];

  const call = async (method: "POST" | "PUT" | "PATCH", url: string, payload: unknown) =>
    runtime.app.inject({
      method,
      url: `/v1/projects/${PROJECT}${url}`,
      headers: { authorization: `Bearer ${key}` },
      payload: payload as Record<string, unknown>,
    });

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url);
    key = await runtime.createProject(PROJECT);
    const rand = random(SEED);
    const writes = [];
    for (let i = 0; i < 240; i++) {
      const parent = i % 4 === 0 ? `shops/s${i % 3}/` : "";
      const path = `${parent}items/${randomId(rand, i)}`;
      names.push(`${ROOT}/${path}`);
      writes.push({ update: { name: path, fields: randomFields(rand) } });
    }
    const res = await call("POST", "/documents:commit", { writes });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(() => runtime.close());

  /** The query by a full scan and the reference semantics, nothing else. */
  const expected = async (query: Query) => {
    const scope = query.allDescendants
      ? { collectionId: query.collectionId, parent: query.parent }
      : { collectionPath: query.collectionId };
    const all = await readCandidates(runtime.pool, PROJECT, scope, undefined);
    const rows = all.flatMap((doc) => {
      const values = orderValues(doc, query.orderBy);
      if (!values || (query.filter && !matches(query.filter, doc.fields, doc.path))) return [];
      if (query.startAt && !afterStart(values, query.startAt, query.orderBy)) return [];
      if (query.endAt && !beforeEnd(values, query.endAt, query.orderBy)) return [];
      return [{ path: doc.path, values }];
    });
    rows.sort((a, b) => compareOrder(a.values, b.values, query.orderBy));
    let paths = rows.slice(query.offset).map((r) => r.path);
    if (query.limit !== undefined) {
      paths = query.limitToLast
        ? paths.slice(Math.max(0, paths.length - query.limit))
        : paths.slice(0, query.limit);
    }
    return paths;
  };

  /** How each query was planned: so the test knows it exercised every kind of scan. */
  const kindsOf = (query: Query, indexes: Awaited<ReturnType<typeof loadIndexes>>) => {
    const plan = planQuery(query, indexes, false);
    return plan.kind === "unordered"
      ? [plan.probes ? "unordered-probes" : "unordered-all"]
      : plan.scans.map((s) => (s.kind === "documents" ? "documents" : s.mode));
  };

  const compare = async (strict: boolean, seed = SEED) => {
    const rand = random(seed + (strict ? 1 : 0));
    const indexes = await loadIndexes(runtime.pool, PROJECT);
    const kinds = new Map<string, number>();
    let checked = 0;
    let refused = 0;
    for (let i = 0; i < QUERIES; i++) {
      const structuredQuery = randomQuery(rand, names);
      let query: Query;
      try {
        query = parseQuery({ structuredQuery }, PROJECT);
      } catch {
        continue; // a query Firestore refuses too: the parser's tests cover those
      }
      for (const kind of kindsOf(query, indexes)) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      const res = await call("POST", "/documents:runQuery", { structuredQuery });
      if (strict && res.statusCode === 400) {
        const error = (res.json() as { error: { code: string; details: { index: unknown } } })
          .error;
        expect(error.code, res.body).toBe("failed-precondition");
        expect(error.details.index).toBeDefined();
        refused++;
        continue;
      }
      expect(res.statusCode, `${JSON.stringify(structuredQuery)}: ${res.body}`).toBe(200);
      const got = (res.json() as { documents: Array<{ name: string }> }).documents.map(
        (d) => d.name,
      );
      expect(got, JSON.stringify(structuredQuery)).toEqual(await expected(query));
      checked++;
    }
    return { checked, refused, kinds: Object.fromEntries(kinds) };
  };

  it("agrees with a full scan using single-field indexes only", async () => {
    const { checked, kinds } = await compare(false);
    expect(checked).toBeGreaterThan(QUERIES / 2);
    for (const kind of ["value", "contains", "documents", "unordered-probes", "unordered-all"])
      expect(kinds[kind], kind).toBeGreaterThan(5);
    expect(kinds.composite).toBeUndefined();
  });

  it("agrees with a full scan using declared composite indexes, kept up to date", async () => {
    const res = await call("PUT", "/admin/indexes", INDEXES);
    expect(res.statusCode, res.body).toBe(200);
    const { checked, kinds } = await compare(false);
    expect(checked).toBeGreaterThan(QUERIES / 2);
    expect(kinds.composite).toBeGreaterThan(20);

    // Rewrite and delete documents: their composite entries must follow.
    const rand = random(SEED + 2);
    const writes = names.slice(0, 120).map((name, i) => {
      const path = name.slice(ROOT.length + 1);
      return i % 4 === 0
        ? { delete: path }
        : { update: { name: path, fields: randomFields(rand) } };
    });
    const rewrite = await call("POST", "/documents:commit", { writes });
    expect(rewrite.statusCode, rewrite.body).toBe(200);
    expect((await compare(false, SEED + 3)).checked).toBeGreaterThan(QUERIES / 2);
  });

  it("in a strict project, agrees or asks for the missing index", async () => {
    const res = await call("PATCH", "/admin/config", { strictIndexes: true });
    expect(res.statusCode, res.body).toBe(200);
    const { checked, refused } = await compare(true);
    expect(checked).toBeGreaterThan(QUERIES / 4);
    expect(refused).toBeGreaterThan(0);
  });
});
