// withConverter() in a TypeScript project: the app's model class in and out of Firestore, on
// references, collections, queries, batches and transactions, as firebase-admin does it.
import { beforeAll, describe, expect, it } from "vitest";
import { fakeContext } from "./testing/fake-context.js";
import { loadFunction, writeProject, type RuntimeHandler } from "./testing/load-bundle.js";

const INDEX_TS = `import { onCall } from "firebase-functions/v2/https";
import { getFirestore, type FirestoreDataConverter, type QueryDocumentSnapshot } from "firebase-admin/firestore";

class Note {
  constructor(readonly title: string, readonly words: number) {}
  describe() { return this.title + " (" + this.words + " words)"; }
}
const notes: FirestoreDataConverter<Note> = {
  toFirestore: (note: Note, options?: unknown) =>
    options ? { title: note.title, merged: true } : { title: note.title, words: note.words },
  fromFirestore: (snap: QueryDocumentSnapshot) => new Note(snap.data().title, snap.get("words") ?? 0),
};

export const roundTrip = onCall(async () => {
  const db = getFirestore();
  const col = db.collection("notes").withConverter(notes);
  await col.doc("n1").set(new Note("First", 3));
  await col.doc("n1").set(new Note("Merged", 0), { merge: true });
  await col.doc("n3").set(new Note("NoMerge", 5), { merge: false });
  const added = await col.add(new Note("Added", 1));
  const batch = db.batch();
  batch.create(col.doc("n2"), new Note("Batched", 2));
  await batch.commit();
  await col.doc("n1").update({ words: 9 });

  const one = await col.doc("n1").get();
  const found = await col.where("words", ">", 1).get();
  const inTx = await db.runTransaction(async (tx) => {
    const snap = await tx.get(col.doc("n1"));
    tx.set(snap.ref, new Note("InTx", 4));
    return snap.data()?.describe();
  });
  const plain = await col.doc("n1").withConverter(null).get();
  return {
    one: one.data()?.describe(),
    oneIsNote: one.data() instanceof Note,
    found: found.docs.map((d) => d.data().describe()),
    refKeeps: found.docs[0]!.ref.parent.path,
    addedPath: added.path,
    addedParent: added.parent.path,
    inTx,
    plain: plain.data(),
  };
});

// A converter made for reading: fine until something is written through it.
export const readOnly = onCall(async () => {
  const ref = getFirestore().doc("notes/n1").withConverter({
    fromFirestore: (snap: QueryDocumentSnapshot) => snap.get("title"),
  } as unknown as FirestoreDataConverter<string>);
  const title = (await ref.get()).data();
  const raw = getFirestore().doc("notes/n1");
  let written = "";
  try {
    await ref.set("x");
  } catch (e) {
    written = (e as Error).message;
  }
  return { title, written, sameRef: ref.isEqual(raw), plainAgain: ref.withConverter(null).isEqual(raw) };
});
`;

let roundTrip: RuntimeHandler;
let readOnly: RuntimeHandler;

beforeAll(async () => {
  const dir = await writeProject({
    "package.json": JSON.stringify({ dependencies: { "firebase-functions": "^6.1.0" } }),
    "src/index.ts": INDEX_TS,
  });
  const load = (name: string) =>
    loadFunction({
      sourceDir: dir,
      entryFile: "src/index.ts",
      exportPath: [name],
      kind: "callable",
    });
  roundTrip = await load("roundTrip");
  readOnly = await load("readOnly");
});

describe("withConverter", () => {
  it("writes through toFirestore and reads through fromFirestore; update() and null go around it", async () => {
    const stored = { title: { stringValue: "First" }, words: { integerValue: "9" } };
    const context = fakeContext({
      docs: {
        "notes/n1": { name: "notes/n1", fields: stored, updateTime: "2026-01-01T00:00:00Z" },
      },
      queryAnswer: [
        { name: "notes/n1", fields: stored },
        {
          name: "notes/n2",
          fields: { title: { stringValue: "Batched" }, words: { integerValue: "2" } },
        },
      ],
    });
    const result = (await roundTrip({}, context)) as Record<string, unknown>;
    expect(result).toEqual({
      one: "First (9 words)",
      oneIsNote: true,
      found: ["First (9 words)", "Batched (2 words)"],
      refKeeps: "notes",
      addedPath: expect.stringMatching(/^notes\/[A-Za-z0-9]{20}$/),
      addedParent: "notes",
      inTx: "First (9 words)",
      plain: { title: "First", words: 9 },
    });
    const fieldsOf = (i: number) => context.commits[i]![0]!.update?.fields;
    // set: the model as toFirestore makes it; with merge, toFirestore is given the options.
    expect(fieldsOf(0)).toEqual({ title: { stringValue: "First" }, words: { integerValue: "3" } });
    expect(context.commits[1]![0]).toMatchObject({
      update: { fields: { title: { stringValue: "Merged" }, merged: { booleanValue: true } } },
      updateMask: { fieldPaths: ["title", "merged"] },
    });
    // merge: false is no merge: toFirestore gets no options, as in firebase-admin.
    expect(fieldsOf(2)).toEqual({
      title: { stringValue: "NoMerge" },
      words: { integerValue: "5" },
    });
    expect(fieldsOf(3)).toEqual({ title: { stringValue: "Added" }, words: { integerValue: "1" } });
    expect(context.commits[4]![0]).toMatchObject({
      update: {
        name: expect.stringMatching(/notes\/n2$/),
        fields: { title: { stringValue: "Batched" } },
      },
      currentDocument: { exists: false },
    });
    // update() writes the fields as given: no converter.
    expect(fieldsOf(5)).toEqual({ words: { integerValue: "9" } });
    // The transaction's set went through toFirestore too.
    expect(fieldsOf(6)).toEqual({ title: { stringValue: "InTx" }, words: { integerValue: "4" } });
  });

  it("needs a converter's method only when it is used", async () => {
    const context = fakeContext({
      docs: { "notes/n1": { name: "notes/n1", fields: { title: { stringValue: "First" } } } },
    });
    expect(await readOnly({}, context)).toEqual({
      title: "First",
      written: "withConverter(): the converter has no toFirestore() to write with",
      sameRef: false, // a reference with a converter is not the plain one
      plainAgain: true,
    });
  });
});
