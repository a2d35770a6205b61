import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRuntime, type TestRuntime } from "../../testing/index.js";
import { DocumentTree } from "./document-tree.js";

const PROJECT = "tree-app";
// Siblings whose ids sort just below and above "/" (0x2F): "-" and "." below, "0" above.
const PATHS = [
  "users/u1",
  "users/u1/notes/n1",
  "users/u1/notes/n1/revisions/r1",
  "users/u1/ghost/g1/deep/d1",
  "users/u1-x/notes/n2",
  "users/u1.x/notes/n3",
  "users/u10/notes/n4",
  "users/u1 x",
  "tags/t1",
];

/** What lies below a document or collection, read from the documents table. */
describe("DocumentTree", () => {
  const database = useTestDatabase("runtime_document_tree");
  let runtime: TestRuntime;
  let tree: DocumentTree;

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url);
    const key = await runtime.createProject(PROJECT);
    const res = await runtime.app.inject({
      method: "POST",
      url: `/v1/projects/${PROJECT}/documents:commit`,
      headers: { authorization: `Bearer ${key}` },
      payload: { writes: PATHS.map((p) => ({ update: { name: p, fields: {} } })) },
    });
    expect(res.statusCode, res.body).toBe(200);
    tree = new DocumentTree(runtime.pool);
  });
  afterAll(() => runtime.close());

  it("lists the collections below the root and below a document, through missing ones", async () => {
    expect(await tree.collectionIds(PROJECT, "")).toEqual(["tags", "users"]);
    expect(await tree.collectionIds(PROJECT, "users/u1")).toEqual(["ghost", "notes"]);
    expect(await tree.collectionIds(PROJECT, "users/u1/ghost/g1")).toEqual(["deep"]);
    expect(await tree.collectionIds(PROJECT, "users/none")).toEqual([]);
  });

  it("pages a document's tree in path order, and nothing of its siblings", async () => {
    const pages: string[][] = [];
    let after: string | null = null;
    do {
      const page: string[] = await tree.documentPaths(PROJECT, { document: "users/u1" }, after, 2);
      pages.push(page);
      after = page.length === 2 ? page.at(-1)! : null;
    } while (after !== null);
    expect(pages.flat()).toEqual([
      "users/u1",
      "users/u1/ghost/g1/deep/d1",
      "users/u1/notes/n1",
      "users/u1/notes/n1/revisions/r1",
    ]);
    expect(pages[0]).toHaveLength(2);
  });

  it("lists a collection's documents and everything below them", async () => {
    expect(await tree.documentPaths(PROJECT, { collection: "users/u1/notes" }, null)).toEqual([
      "users/u1/notes/n1",
      "users/u1/notes/n1/revisions/r1",
    ]);
    expect(await tree.documentPaths(PROJECT, { collection: "tags" }, null)).toEqual(["tags/t1"]);
  });
});
