import { describe, expect, it } from "vitest";
import {
  errorAnswer,
  fakeFetch,
  PROJECT,
  URL_BASE,
  type FakeAnswer,
} from "../../test/fake-fetch.js";
import { createClient } from "../client.js";
import { runTransaction } from "./transaction.js";

const T1 = "2030-01-01T00:00:00.000001Z";

/** A fake runtime where `counters/a` exists at T1, anything else is missing, and commits answer `commit()`. */
function setup(commit: () => FakeAnswer = () => ({ json: { commitTime: T1, writeResults: [] } })) {
  const fake = fakeFetch((r) => {
    if (r.path === "/documents/counters/a") {
      return { json: { name: "counters/a", fields: { n: { integerValue: "1" } }, updateTime: T1 } };
    }
    if (r.path.startsWith("/documents/")) return errorAnswer(404, "not-found");
    return commit();
  });
  const { db } = createClient({ url: URL_BASE, project: PROJECT, fetch: fake.fetch });
  const commits = () => fake.requests.filter((r) => r.path === "/documents:commit");
  return { db, commits };
}

describe("runTransaction", () => {
  it("commits each write with a precondition from what was read", async () => {
    const { db, commits } = setup();
    const result = await runTransaction(db, async (tx) => {
      const a = await tx.get(db.doc("counters/a"));
      await tx.get(db.doc("counters/b"));
      tx.set(db.doc("counters/a"), { n: a.data()!.n + 1 });
      tx.set(db.doc("counters/b"), { n: 1 });
      tx.delete(db.doc("counters/unread"));
      tx.update(db.doc("counters/other"), { n: 0 });
      return a.get("n");
    });
    expect(result).toBe(1);
    const writes = (commits()[0]!.body as { writes: Record<string, unknown>[] }).writes;
    expect(writes.map((w) => w.currentDocument)).toEqual([
      { updateTime: T1 },
      { exists: false },
      undefined,
      { exists: true },
    ]);
  });

  it("runs the function again when a read document changed before the commit", async () => {
    let failures = 1;
    const { db, commits } = setup(() =>
      failures-- > 0
        ? errorAnswer(400, "failed-precondition", "updated at another time")
        : { json: { commitTime: T1, writeResults: [] } },
    );
    let runs = 0;
    await runTransaction(db, async (tx) => {
      runs++;
      await tx.get(db.doc("counters/a"));
      tx.set(db.doc("counters/a"), { n: 2 });
    });
    expect([runs, commits().length]).toEqual([2, 2]);
  });

  it("retries a document created meanwhile (already-exists), up to maxAttempts in all", async () => {
    const { db, commits } = setup(() => errorAnswer(409, "already-exists", "exists"));
    const attempt = runTransaction(
      db,
      async (tx) => {
        await tx.get(db.doc("counters/new"));
        tx.set(db.doc("counters/new"), { n: 1 });
      },
      { maxAttempts: 3 },
    );
    await expect(attempt).rejects.toMatchObject({ code: "already-exists" });
    expect(commits()).toHaveLength(3);
  });

  it("does not retry errors its reads did not cause", async () => {
    const denied = setup(() => errorAnswer(403, "permission-denied"));
    const write = (db: typeof denied.db) =>
      runTransaction(db, async (tx) => {
        await tx.get(db.doc("counters/a"));
        tx.set(db.doc("counters/a"), { n: 2 });
      });
    await expect(write(denied.db)).rejects.toMatchObject({ code: "permission-denied" });
    expect(denied.commits()).toHaveLength(1);

    const missing = setup(() => errorAnswer(404, "not-found"));
    const update = runTransaction(missing.db, async (tx) => {
      tx.update(missing.db.doc("counters/gone"), { n: 1 });
    });
    await expect(update).rejects.toMatchObject({ code: "not-found" });
    expect(missing.commits()).toHaveLength(1);
  });

  it("refuses a read after a write, and an update of a document read as missing", async () => {
    const { db, commits } = setup();
    const readLate = runTransaction(db, async (tx) => {
      tx.set(db.doc("counters/a"), { n: 1 });
      await tx.get(db.doc("counters/a"));
    });
    await expect(readLate).rejects.toThrow("all reads to be executed before all writes");
    const updateMissing = runTransaction(db, async (tx) => {
      await tx.get(db.doc("counters/b"));
      tx.update(db.doc("counters/b"), { n: 1 });
    });
    await expect(updateMissing).rejects.toThrow("counters/b does not exist");
    expect(commits()).toHaveLength(0);
  });

  it("sends nothing for a read-only transaction", async () => {
    const { db, commits } = setup();
    const n = await runTransaction(db, async (tx) => (await tx.get(db.doc("counters/a"))).get("n"));
    expect([n, commits().length]).toEqual([1, 0]);
  });
});
