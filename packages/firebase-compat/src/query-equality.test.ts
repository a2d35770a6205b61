// Query.isEqual and QuerySnapshot.isEqual, as firebase-admin answers them: the same collection
// refined the same way (in any order of calls that store the same refinements), with the same
// converter; snapshots of such queries with equal documents in the same order.
import { beforeAll, expect, it } from "vitest";
import { fakeContext } from "./testing/fake-context.js";
import { loadFunction, writeProject, type RuntimeHandler } from "./testing/load-bundle.js";

const INDEX_TS = `import { onCall } from "firebase-functions/v2/https";
import { getFirestore, FieldPath, type FirestoreDataConverter } from "firebase-admin/firestore";

const same: FirestoreDataConverter<unknown> = {
  toFirestore: (v: unknown) => v as Record<string, unknown>,
  fromFirestore: (snap) => snap.data(),
};

export const equality = onCall(async () => {
  const db = getFirestore();
  const notes = db.collection("notes");
  const q = () => notes.where("words", ">", 1).orderBy("words");
  const [first, second] = [await q().get(), await q().get()];
  return {
    sameRefinements: q().isEqual(q()),
    limitThenOffset: q().limit(2).offset(1).isEqual(q().offset(1).limit(2)),
    lastLimitWins: q().limit(5).limit(2).isEqual(q().limit(2)),
    otherValue: q().isEqual(notes.where("words", ">", 2).orderBy("words")),
    otherOrder: q().isEqual(notes.orderBy("words").where("words", ">", 1)),
    otherDirection: q().isEqual(notes.where("words", ">", 1).orderBy("words", "desc")),
    limitToLast: q().limit(2).isEqual(q().limitToLast(2)),
    otherCollection: q().isEqual(db.collection("tags").where("words", ">", 1).orderBy("words")),
    subcollection: notes.isEqual(db.collection("users/u1/notes")),
    collectionGroup: db.collectionGroup("notes").isEqual(db.collectionGroup("notes")),
    groupIsNotCollection: db.collectionGroup("notes").isEqual(notes),
    documentId: notes.where(FieldPath.documentId(), "==", "n1").isEqual(notes.where("__name__", "==", "n1")),
    converter: q().withConverter(same).isEqual(q().withConverter(same)),
    converterMissing: q().withConverter(same).isEqual(q()),
    collectionAsQuery: notes.limit(1).isEqual(notes.limit(1)),
    snapshots: first.isEqual(second),
    snapshotOfOtherQuery: first.isEqual(await q().limit(9).get()),
    snapshotOfOtherDocuments: first.isEqual(await q().get()),
    notASnapshot: first.isEqual(null as never),
  };
});
`;

let equality: RuntimeHandler;

beforeAll(async () => {
  const dir = await writeProject({
    "package.json": JSON.stringify({ dependencies: { "firebase-functions": "^6.1.0" } }),
    "src/index.ts": INDEX_TS,
  });
  equality = await loadFunction({
    sourceDir: dir,
    entryFile: "src/index.ts",
    exportPath: ["equality"],
    kind: "callable",
  });
});

it("compares queries by collection, refinements and converter, and their snapshots", async () => {
  // The same query answers n1 twice, then n1 with other words: a document changed meanwhile.
  let asked = 0;
  const context = fakeContext({
    queryAnswer: () => [
      { name: "notes/n1", fields: { words: { integerValue: ++asked > 3 ? "4" : "3" } } },
    ],
  });
  expect(await equality({}, context)).toEqual({
    sameRefinements: true,
    limitThenOffset: true,
    lastLimitWins: true,
    otherValue: false,
    otherOrder: true,
    otherDirection: false,
    limitToLast: false,
    otherCollection: false,
    subcollection: false,
    collectionGroup: true,
    groupIsNotCollection: false,
    documentId: true,
    converter: true,
    converterMissing: false,
    collectionAsQuery: true,
    snapshots: true,
    snapshotOfOtherQuery: false,
    snapshotOfOtherDocuments: false,
    notASnapshot: false,
  });
});
