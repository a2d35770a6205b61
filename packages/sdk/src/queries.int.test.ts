import { beforeAll, describe, expect, it } from "vitest";
import { useTestRuntime } from "../test/runtime-harness.js";
import {
  addDoc,
  average,
  count,
  createClient,
  documentId,
  endBefore,
  getAggregateFromServer,
  getCountFromServer,
  getDoc,
  getDocs,
  limit,
  limitToLast,
  or,
  orderBy,
  query,
  setDoc,
  startAfter,
  startAt,
  sum,
  where,
  writeBatch,
  type Query,
  type WinkyClient,
} from "./index.js";

const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /public/{id} {
      allow read: if true;
      allow create: if request.auth != null;
    }
    match /{path=**}/comments/{id} {
      allow read: if true;
      allow create: if request.auth != null;
    }
  }
}`;

const CITIES = {
  paris: { country: "FR", pop: 2100, rank: 1, tags: ["capital", "river"] },
  lyon: { country: "FR", pop: 500, rank: 3, tags: ["river"] },
  nice: { country: "FR", pop: 340, rank: 5, tags: ["sea"] },
  rome: { country: "IT", pop: 2800, rank: 2, tags: ["capital"] },
  milan: { country: "IT", pop: 1400, rank: 4, tags: [] },
  oslo: { country: "NO", pop: 700, rank: 6, tags: ["capital", "sea"] },
};

describe("@winky/sdk queries against a real runtime", () => {
  const runtime = useTestRuntime("sdk-queries", RULES);
  let client: WinkyClient;
  const ids = async (q: Query) => (await getDocs(q)).docs.map((d) => d.id);

  beforeAll(async () => {
    client = createClient({ url: runtime.current.url, project: "sdk-queries" });
    const { auth } = client;
    await auth.signUp("ada@example.com", "correct horse battery");
    await auth.confirmSignUp(runtime.current.stores.outbox.lastToken("ada@example.com"));
  });

  it("commits a batch atomically, and none of it when one write is refused", async () => {
    const { db } = client;
    const refused = writeBatch(db)
      .set(db.doc("public/berlin"), { country: "DE" })
      .set(db.doc("private/x"), { a: 1 });
    await expect(refused.commit()).rejects.toMatchObject({ code: "permission-denied" });
    expect((await getDoc(db.doc("public/berlin"))).exists()).toBe(false);
    const batch = writeBatch(db);
    for (const [id, city] of Object.entries(CITIES)) batch.set(db.doc(`public/${id}`), city);
    await batch.commit();
    expect((await getDocs(db.collection("public"))).size).toBe(6);
  });

  it("adds documents with automatic ids, which rules let anyone signed in create", async () => {
    const ref = await addDoc(client.db.collection("public"), { note: "no country" });
    expect(ref.id).toMatch(/^[A-Za-z0-9]{20}$/);
    expect((await getDoc(ref)).get("note")).toBe("no country");
    await expect(setDoc(ref, { note: "edited" })).rejects.toMatchObject({
      code: "permission-denied",
    });
  });

  it("filters, orders and limits", async () => {
    const cities = client.db.collection("public");
    expect(await ids(query(cities, where("country", "==", "FR"), orderBy("pop", "desc")))).toEqual([
      "paris",
      "lyon",
      "nice",
    ]);
    expect(await ids(query(cities, orderBy("pop"), limit(2)))).toEqual(["nice", "lyon"]);
    expect(await ids(query(cities, where("tags", "array-contains", "capital")))).toEqual([
      "oslo",
      "paris",
      "rome",
    ]);
    expect(await ids(query(cities, where("country", "in", ["IT", "NO"])))).toEqual([
      "milan",
      "oslo",
      "rome",
    ]);
    expect(await ids(query(cities, where("country", "not-in", ["FR"])))).toEqual([
      "milan",
      "rome",
      "oslo",
    ]);
    expect(await ids(query(cities, where(documentId(), "in", ["rome", "nice"])))).toEqual([
      "nice",
      "rome",
    ]);
  });

  it("combines filters with or()", async () => {
    const q = query(
      client.db.collection("public"),
      or(where("country", "==", "NO"), where("rank", "<", 2)),
    );
    expect(await ids(q)).toEqual(["paris", "oslo"]);
  });

  it("pages with cursors and limitToLast", async () => {
    const byPop = query(client.db.collection("public"), orderBy("pop"));
    const first = await getDocs(query(byPop, limit(2)));
    expect(first.docs.map((d) => d.id)).toEqual(["nice", "lyon"]);
    const last = first.docs.at(-1)!;
    expect(await ids(query(byPop, startAfter(last), limit(2)))).toEqual(["oslo", "milan"]);
    expect(await ids(query(byPop, startAt(700), endBefore(2100)))).toEqual(["oslo", "milan"]);
    expect(await ids(query(byPop, limitToLast(2)))).toEqual(["paris", "rome"]);
  });

  it("queries a collection group and one of its collections", async () => {
    const { db } = client;
    await setDoc(db.doc("public/paris/comments/c1"), { stars: 5 });
    await setDoc(db.doc("public/rome/comments/c2"), { stars: 4 });
    await setDoc(db.doc("public/rome/comments/c3"), { stars: 1 });
    const good = query(db.collectionGroup("comments"), where("stars", ">=", 4));
    expect((await getDocs(good)).docs.map((d) => d.ref.path)).toEqual([
      "public/rome/comments/c2",
      "public/paris/comments/c1",
    ]);
    expect(await ids(db.collection("public/rome/comments"))).toEqual(["c2", "c3"]);
  });

  it("counts, sums and averages on the server", async () => {
    const cities = client.db.collection("public");
    const french = query(cities, where("country", "==", "FR"));
    const snap = await getAggregateFromServer(french, {
      n: count(),
      people: sum("pop"),
      meanRank: average("rank"),
      none: average("missing"),
    });
    expect(snap.data()).toEqual({ n: 3, people: 2940, meanRank: 3, none: null });
    expect((await getCountFromServer(query(cities, where("pop", ">", 0)))).data().count).toBe(6);
  });
});
