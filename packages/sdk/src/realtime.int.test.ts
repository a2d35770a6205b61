import { afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { useTestRuntime } from "../test/runtime-harness.js";
import {
  createClient,
  deleteDoc,
  onSnapshot,
  orderBy,
  query,
  setDoc,
  updateDoc,
  type DocumentSnapshot,
  type QuerySnapshot,
  type Unsubscribe,
  type WinkyClient,
  type WinkyError,
} from "./index.js";

const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /profiles/{uid} {
      allow read, write: if request.auth != null && request.auth.uid == uid;
    }
    match /boards/{board}/items/{id} {
      allow read: if true;
      allow write: if request.auth != null;
    }
  }
}`;
const PASSWORD = "correct horse battery";

/** What a listener received, with a wait for the n-th snapshot. */
function collector<T>() {
  const values: T[] = [];
  const errors: WinkyError[] = [];
  return {
    values,
    errors,
    next: (value: T) => void values.push(value),
    error: (e: WinkyError) => void errors.push(e),
    async nth(n: number): Promise<T> {
      await expect.poll(() => values.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(n);
      return values[n - 1]!;
    },
  };
}

const changes = (snap: QuerySnapshot) =>
  snap.docChanges().map((c) => [c.type, c.doc.id, c.oldIndex, c.newIndex]);
const rows = (snap: QuerySnapshot) => snap.docs.map((d) => [d.id, d.get("n")]);

describe("onSnapshot against a real runtime", () => {
  const runtime = useTestRuntime("sdk-rt", RULES, { realtime: true });
  /** Connections can be refused while `gate.open` is false: a test "goes offline". */
  const gate = { open: true, sockets: [] as WebSocket[] };
  class GatedWebSocket extends WebSocket {
    constructor(url: string) {
      super(gate.open ? url : "ws://127.0.0.1:9/refused");
      gate.sockets.push(this);
    }
  }
  const stops: Unsubscribe[] = [];
  const client = () =>
    createClient({ url: runtime.current.url, project: "sdk-rt", WebSocket: GatedWebSocket });
  async function signedUp(email: string): Promise<WinkyClient> {
    const c = client();
    await c.auth.signUp(email, PASSWORD);
    await c.auth.confirmSignUp(runtime.current.stores.outbox.lastToken(email));
    return c;
  }
  let writer: WinkyClient;
  beforeAll(async () => {
    writer = await signedUp("writer@example.com");
  });
  afterEach(() => {
    stops.splice(0).forEach((stop) => stop());
    gate.open = true;
  });

  it("tells a query listener what another client adds, modifies and removes", async () => {
    const reader = client();
    const items = writer.db.collection("boards/q/items");
    const seen = collector<QuerySnapshot>();
    stops.push(onSnapshot(query(reader.db.collection("boards/q/items"), orderBy("n")), seen));
    expect(await seen.nth(1)).toMatchObject({ size: 0, empty: true });
    await setDoc(items.doc("r1"), { n: 1 });
    expect(changes(await seen.nth(2))).toEqual([["added", "r1", -1, 0]]);
    await setDoc(items.doc("r2"), { n: 2 });
    expect(changes(await seen.nth(3))).toEqual([["added", "r2", -1, 1]]);
    await updateDoc(items.doc("r1"), { n: 5 });
    const moved = await seen.nth(4);
    expect(changes(moved)).toEqual([["modified", "r1", 0, 1]]);
    expect(rows(moved)).toEqual([
      ["r2", 2],
      ["r1", 5],
    ]);
    await deleteDoc(items.doc("r2"));
    const last = await seen.nth(5);
    expect(changes(last)).toEqual([["removed", "r2", 0, -1]]);
    expect(rows(last)).toEqual([["r1", 5]]);
    expect(seen.errors).toEqual([]);
  });

  it("follows one document through creation, update and deletion", async () => {
    const reader = client();
    const seen = collector<DocumentSnapshot>();
    stops.push(onSnapshot(reader.db.doc("boards/d/items/solo"), seen.next, seen.error));
    expect((await seen.nth(1)).exists()).toBe(false);
    await setDoc(writer.db.doc("boards/d/items/solo"), { n: 1 });
    expect((await seen.nth(2)).data()).toEqual({ n: 1 });
    await updateDoc(writer.db.doc("boards/d/items/solo"), { n: 2 });
    expect((await seen.nth(3)).get("n")).toBe(2);
    await deleteDoc(writer.db.doc("boards/d/items/solo"));
    expect((await seen.nth(4)).exists()).toBe(false);
  });

  it("enforces the rules: one's own profile yes, someone else's permission-denied", async () => {
    const ada = await signedUp("ada@example.com");
    const uid = ada.auth.currentUser!.uid;
    await setDoc(ada.db.doc(`profiles/${uid}`), { name: "Ada" });
    const own = collector<DocumentSnapshot>();
    stops.push(onSnapshot(ada.db.doc(`profiles/${uid}`), own));
    expect((await own.nth(1)).data()).toEqual({ name: "Ada" });
    const other = collector<DocumentSnapshot>();
    const writerUid = writer.auth.currentUser!.uid;
    stops.push(onSnapshot(ada.db.doc(`profiles/${writerUid}`), other));
    await expect.poll(() => other.errors.length, { timeout: 10_000 }).toBe(1);
    expect(other.errors[0]).toMatchObject({ name: "WinkyError", code: "permission-denied" });
    expect(other.values).toEqual([]);
    // Signing out reconnects without a token: the rules now refuse the own profile too.
    await ada.auth.signOut();
    await expect.poll(() => own.errors.length, { timeout: 10_000 }).toBe(1);
    expect(own.errors[0]!.code).toBe("permission-denied");
    expect(own.values).toHaveLength(1);
  });

  it.each(["runtime", "client"])(
    "resumes after the %s drops the connection, missing no change and repeating none",
    async (side) => {
      const items = writer.db.collection(`boards/resume-${side}/items`);
      for (const [id, n] of [
        ["a", 1],
        ["b", 2],
        ["c", 3],
      ] as const) {
        await setDoc(items.doc(id), { n });
      }
      const reader = client();
      const seen = collector<QuerySnapshot>();
      const one = collector<DocumentSnapshot>();
      stops.push(onSnapshot(query(reader.db.collection(items.path), orderBy("n")), seen));
      stops.push(onSnapshot(reader.db.doc(`${items.path}/a`), one));
      expect(rows(await seen.nth(1))).toEqual([
        ["a", 1],
        ["b", 2],
        ["c", 3],
      ]);
      expect((await one.nth(1)).exists()).toBe(true);
      gate.open = false; // reconnection attempts fail until the gate opens again
      if (side === "runtime") runtime.current.dropListenConnections();
      else gate.sockets.forEach((s) => s.terminate());
      await expect.poll(() => gate.sockets.filter((s) => s.readyState === s.OPEN)).toEqual([]);
      // Written while the reader is disconnected.
      await deleteDoc(items.doc("a"));
      await updateDoc(items.doc("c"), { n: 0 });
      await setDoc(items.doc("d"), { n: 4 });
      gate.open = true;
      const resumed = await seen.nth(2);
      expect(changes(resumed)).toEqual([
        ["removed", "a", 0, -1],
        ["modified", "c", 1, 0],
        ["added", "d", -1, 2],
      ]);
      expect(rows(resumed)).toEqual([
        ["c", 0],
        ["b", 2],
        ["d", 4],
      ]);
      expect((await one.nth(2)).exists()).toBe(false);
      // And it goes on listening on the new connection.
      await setDoc(items.doc("e"), { n: 5 });
      expect(changes(await seen.nth(3))).toEqual([["added", "e", -1, 3]]);
      const added = seen.values.flatMap((s) =>
        s.docChanges().flatMap((c) => (c.type === "added" ? [c.doc.id] : [])),
      );
      expect(added).toEqual(["a", "b", "c", "d", "e"]); // each exactly once
      expect([...seen.errors, ...one.errors]).toEqual([]);
    },
  );
});
