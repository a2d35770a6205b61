// listCollections() and recursiveDelete() over the runtime's tree ops (`collections`,
// `descendants`): every depth, missing parents seen through, paged, in commits of 500.
import { beforeAll, describe, expect, it } from "vitest";
import { fakeContext } from "./testing/fake-context.js";
import { loadFunction, writeProject, type RuntimeHandler } from "./testing/load-bundle.js";

const INDEX_JS = `const functions = require("firebase-functions");
const admin = require("firebase-admin");
admin.initializeApp();
const db = admin.firestore();

exports.tree = functions.https.onCall(async () => ({
  root: (await db.listCollections()).map((c) => c.path),
  underU1: (await db.doc("users/u1").listCollections()).map((c) => c.path),
  underGhost: (await db.doc("users/u1/ghost/g1").listCollections()).map((c) => c.id),
}));
exports.wipe = functions.https.onCall(async (data) => {
  await db.recursiveDelete(data.collection ? db.collection(data.path) : db.doc(data.path));
  return "ok";
});
`;

const doc = (name: string) => ({ name, fields: {} });
const DOCS = Object.fromEntries(
  [
    "users/u1",
    "users/u1/notes/n1",
    "users/u1/notes/n1/revisions/r1",
    "users/u1/notes/n2",
    "users/u1/ghost/g1/deep/d1", // users/u1/ghost/g1 itself does not exist
    "users/u10", // shares a prefix with users/u1, and is not below it
    "users/u2/notes/n3",
    "tags/t1",
  ].map((p) => [p, doc(p)]),
);

let tree: RuntimeHandler;
let wipe: RuntimeHandler;

beforeAll(async () => {
  const dir = await writeProject({
    "package.json": JSON.stringify({ main: "index.js" }),
    "index.js": INDEX_JS,
  });
  const load = (name: string) =>
    loadFunction({ sourceDir: dir, entryFile: "index.js", exportPath: [name], kind: "callable" });
  tree = await load("tree");
  wipe = await load("wipe");
});

describe("the document tree in functions", () => {
  it("lists the root's and a document's collections, through missing documents", async () => {
    expect(await tree({}, fakeContext({ docs: DOCS }))).toEqual({
      root: ["tags", "users"],
      underU1: ["users/u1/ghost", "users/u1/notes"],
      underGhost: ["deep"],
    });
  });

  it("deletes a document and everything below it, page by page, and nothing beside it", async () => {
    const context = fakeContext({ docs: DOCS, descendantsPage: 2 });
    expect(await wipe({ path: "users/u1" }, context)).toBe("ok");
    expect(context.commits.map((c) => c.map((w) => w.delete))).toEqual([
      ["users/u1", "users/u1/ghost/g1/deep/d1"],
      ["users/u1/notes/n1", "users/u1/notes/n1/revisions/r1"],
      ["users/u1/notes/n2"],
    ]);
  });

  it("deletes a collection's documents at every depth", async () => {
    const context = fakeContext({ docs: DOCS });
    await wipe({ path: "users/u1/notes", collection: true }, context);
    expect(context.commits.flat().map((w) => w.delete)).toEqual([
      "users/u1/notes/n1",
      "users/u1/notes/n1/revisions/r1",
      "users/u1/notes/n2",
    ]);
  });
});
