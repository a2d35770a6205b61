// Batched writes and transactions through the SDK over HTTP: all or nothing, at most 500
// writes, and transactions that see a consistent state or run again.
import { describe, expect, it } from "vitest";
import { ALLOW_ALL_RULES, countOf, failure, useTestClient } from "../test/client-harness.js";
import { useTestRuntime } from "../test/runtime-harness.js";
import {
  createClient,
  getDoc,
  runTransaction,
  setDoc,
  writeBatch,
  MAX_BATCH_WRITES,
} from "./index.js";

describe("batches and transactions against a real runtime", () => {
  const runtime = useTestRuntime("sdk-batches", ALLOW_ALL_RULES);
  const client = useTestClient(runtime);
  const count = (collection: string) => countOf(client.current.db.collection(collection));
  const value = async (path: string) => (await getDoc(client.current.db.doc(path))).get("value");

  describe("a batch", () => {
    it("commits 500 writes, and refuses a 501st before sending anything", async () => {
      const { db } = client.current;
      const batch = writeBatch(db);
      for (let i = 0; i < 500; i++) batch.set(db.doc(`many/d${i}`), { i });
      expect(MAX_BATCH_WRITES).toBe(500);
      expect(() => batch.set(db.doc("many/d500"), { i: 500 })).toThrow(
        expect.objectContaining({
          code: "invalid-argument",
          status: 0,
          message: "a batch holds at most 500 writes",
        }),
      );
      expect(await count("many")).toBe(0);
      await batch.commit();
      expect(await count("many")).toBe(500);
    });

    it("writes nothing when one update finds no document", async () => {
      const { db } = client.current;
      await setDoc(db.doc("accounts/a"), { value: 1 });
      const e = await failure(
        writeBatch(db)
          .set(db.doc("accounts/b"), { value: 2 })
          .update(db.doc("accounts/a"), { value: 3 })
          .update(db.doc("accounts/ghost"), { value: 4 })
          .commit(),
      );
      expect(e).toMatchObject({ code: "not-found", status: 404 });
      expect(e.message).toBe("no document at accounts/ghost");
      expect((await getDoc(db.doc("accounts/b"))).exists()).toBe(false);
      expect(await value("accounts/a")).toBe(1);
    });

    // Firestore applies several writes to one document in order, each on the one before.
    it("applies several writes to one document in order", async () => {
      const { db } = client.current;
      await writeBatch(db)
        .set(db.doc("twice/x"), { value: 1 })
        .set(db.doc("twice/y"), { value: 1 })
        .update(db.doc("twice/x"), { value: 2 })
        .set(db.doc("twice/z"), { value: 1 })
        .delete(db.doc("twice/z"))
        .commit();
      expect([await value("twice/x"), await value("twice/y")]).toEqual([2, 1]);
      expect(await count("twice")).toBe(2);
    });

    it("cannot be used again after commit", async () => {
      const batch = writeBatch(client.current.db).set(client.current.db.doc("once/x"), {
        value: 1,
      });
      await batch.commit();
      const message = "A write batch can no longer be used after commit() has been called.";
      await expect(batch.commit()).rejects.toMatchObject({ code: "invalid-argument", message });
      expect(() => batch.delete(client.current.db.doc("once/x"))).toThrow(message);
      expect(await value("once/x")).toBe(1);
    });
  });

  describe("a transaction", () => {
    it("moves a value between documents atomically and resolves the function's result", async () => {
      const { db } = client.current;
      await writeBatch(db)
        .set(db.doc("bank/alice"), { value: 100 })
        .set(db.doc("bank/bob"), { value: 0 })
        .commit();
      const moved = await runTransaction(db, async (tx) => {
        const alice = await tx.get(db.doc("bank/alice"));
        const bob = await tx.get(db.doc("bank/bob"));
        tx.update(alice.ref, { value: alice.get("value") - 30 });
        tx.update(bob.ref, { value: bob.get("value") + 30 });
        return 30;
      });
      expect(moved).toBe(30);
      expect([await value("bank/alice"), await value("bank/bob")]).toEqual([70, 30]);
    });

    it("writes a document it read several times, in order, in one attempt", async () => {
      const { db } = client.current;
      await setDoc(db.doc("again/a"), { value: 1 });
      let attempts = 0;
      await runTransaction(db, async (tx) => {
        attempts++;
        const a = await tx.get(db.doc("again/a"));
        const b = await tx.get(db.doc("again/b"));
        tx.update(a.ref, { value: a.get("value") + 1 });
        tx.update(a.ref, { value: 10 });
        tx.set(b.ref, { value: 1 }).delete(b.ref).set(b.ref, { value: 2 });
      });
      expect(attempts).toBe(1);
      expect([await value("again/a"), await value("again/b")]).toEqual([10, 2]);
    });

    it("refuses more than 500 writes in the runtime, writing nothing", async () => {
      const { db } = client.current;
      const e = await failure(
        runTransaction(db, async (tx) => {
          for (let i = 0; i < 501; i++) tx.set(db.doc(`huge/d${i}`), { i });
        }),
      );
      expect(e).toMatchObject({ code: "invalid-argument", status: 400 });
      expect(e.message).toBe("writes: a commit holds at most 500 writes, got 501");
      expect(await count("huge")).toBe(0);
    });

    it("writes nothing when the function throws or reads after writing", async () => {
      const { db } = client.current;
      const own = await failure(
        runTransaction(db, async (tx) => {
          tx.set(db.doc("tx/a"), { value: 1 });
          throw new Error("changed my mind");
        }),
      );
      expect(own.message).toBe("changed my mind");
      const late = await failure(
        runTransaction(db, async (tx) => {
          tx.set(db.doc("tx/a"), { value: 1 });
          await tx.get(db.doc("tx/b"));
        }),
      );
      expect(late).toMatchObject({ code: "invalid-argument", status: 0 });
      expect(late.message).toBe(
        "Firestore transactions require all reads to be executed before all writes.",
      );
      const ghost = await failure(
        runTransaction(db, async (tx) => {
          const snap = await tx.get(db.doc("tx/ghost"));
          tx.update(snap.ref, { value: 1 });
        }),
      );
      expect(ghost.message).toBe("Transaction.update(): tx/ghost does not exist");
      expect(await count("tx")).toBe(0);
    });

    it("gives up after maxAttempts when another writer always gets there first", async () => {
      const { db } = client.current;
      const other = createClient({ url: runtime.current.url, project: "sdk-batches" });
      await setDoc(db.doc("contended/x"), { value: 0 });
      let runs = 0;
      const e = await failure(
        runTransaction(
          db,
          async (tx) => {
            const snap = await tx.get(db.doc("contended/x"));
            runs++;
            await setDoc(other.db.doc("contended/x"), { value: 100 + runs });
            tx.set(snap.ref, { value: snap.get("value") + 1 });
          },
          { maxAttempts: 2 },
        ),
      );
      expect(e).toMatchObject({ code: "failed-precondition", status: 400 });
      expect(e.message).toContain("document contended/x was updated at another time than");
      expect(runs).toBe(2);
      expect(await value("contended/x")).toBe(102);
    });
  });
});
