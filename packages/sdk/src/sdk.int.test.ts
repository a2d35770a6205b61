import { beforeAll, describe, expect, it } from "vitest";
import { useTestRuntime } from "../test/runtime-harness.js";
import {
  GeoPoint,
  Timestamp,
  arrayRemove,
  arrayUnion,
  createClient,
  deleteDoc,
  deleteField,
  getDoc,
  increment,
  isWinkyError,
  runTransaction,
  serverTimestamp,
  setDoc,
  updateDoc,
  type FetchLike,
  type WinkyClient,
} from "./index.js";

const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /profiles/{uid} {
      allow read, write: if request.auth != null && request.auth.uid == uid;
    }
    match /public/{id} {
      allow read: if true;
      allow create: if request.auth != null;
    }
    match /counters/{id} {
      allow read, write: if request.auth != null;
    }
    match /{path=**}/comments/{id} {
      allow read: if true;
      allow create: if request.auth != null;
    }
  }
}`;
const PASSWORD = "correct horse battery";

describe("@winky/sdk against a real runtime", () => {
  const runtime = useTestRuntime("sdk-app", RULES);
  /** Paths of the requests each client sent, to see refreshes. */
  const sent = new Map<WinkyClient, string[]>();
  const client = () => {
    const paths: string[] = [];
    const recording: FetchLike = (input, init) => {
      paths.push(new URL(input).pathname.replace(/^\/v1\/projects\/[^/]+/, ""));
      return fetch(input, init);
    };
    const c = createClient({ url: runtime.current.url, project: "sdk-app", fetch: recording });
    sent.set(c, paths);
    return c;
  };
  let ada: WinkyClient;
  let uid: string;

  beforeAll(async () => {
    ada = client();
    expect(await ada.auth.signUp("ada@example.com", PASSWORD)).toEqual({
      status: "confirmation-sent",
    });
    const user = await ada.auth.confirmSignUp(
      runtime.current.stores.outbox.lastToken("ada@example.com"),
    );
    expect(user).toMatchObject({
      email: "ada@example.com",
      emailVerified: true,
      isAnonymous: false,
    });
    uid = user.uid;
  });

  describe("auth", () => {
    it("signs in and out, telling listeners", async () => {
      const c = client();
      const seen: (string | null)[] = [];
      const unsubscribe = c.auth.onAuthStateChanged((u) => seen.push(u?.uid ?? null));
      await c.auth.authStateReady();
      expect((await c.auth.signIn("ada@example.com", PASSWORD)).uid).toBe(uid);
      await c.auth.signOut();
      unsubscribe();
      expect(seen).toEqual([null, uid, null]);
      await expect(c.auth.signIn("ada@example.com", "wrong password")).rejects.toMatchObject({
        code: "unauthenticated",
        status: 401,
      });
    });

    it("resets a password by mailed link", async () => {
      const c = client();
      await c.auth.signUp("bob@example.com", PASSWORD);
      await c.auth.confirmSignUp(runtime.current.stores.outbox.lastToken("bob@example.com"));
      await c.auth.sendPasswordReset("bob@example.com");
      const token = runtime.current.stores.outbox.lastToken("bob@example.com");
      await c.auth.resetPassword(token, "a brand new passphrase");
      expect((await c.auth.signIn("bob@example.com", "a brand new passphrase")).email).toBe(
        "bob@example.com",
      );
    });

    it("signs in anonymously once the project enables it", async () => {
      const c = client();
      await expect(c.auth.signInAnonymously()).rejects.toMatchObject({
        code: "failed-precondition",
      });
      await runtime.current.admin("PATCH", "/config", { auth: { anonymous: { enabled: true } } });
      expect(await c.auth.signInAnonymously()).toMatchObject({ isAnonymous: true });
    });

    it("refreshes once when the runtime finds the ID token expired, for concurrent requests", async () => {
      const c = client();
      await c.auth.signIn("ada@example.com", PASSWORD);
      const ref = c.db.doc(`profiles/${uid}`);
      await setDoc(ref, { n: 1 });
      const before = await c.auth.getIdToken();
      // Only the runtime's clock moves: the SDK still believes the token fresh.
      runtime.current.clock.advanceSeconds(3600 + 10);
      const reads = await Promise.all([getDoc(ref), getDoc(ref), getDoc(ref)]);
      expect(reads.map((s) => s.get("n"))).toEqual([1, 1, 1]);
      expect(sent.get(c)!.filter((p) => p === "/auth/token")).toHaveLength(1);
      expect(await c.auth.getIdToken()).not.toBe(before);
      expect((await getDoc(ref)).exists()).toBe(true); // the family was not revoked
    });
  });

  describe("documents", () => {
    it("round-trips every value type", async () => {
      const ref = ada.db.doc(`profiles/${uid}`);
      const data = {
        text: "héllo ✓",
        int: 42,
        negative: -7,
        double: 3.25,
        big: 2n ** 60n,
        nan: NaN,
        inf: -Infinity,
        yes: true,
        nothing: null,
        at: new Timestamp(1714564800, 123456789),
        bytes: new Uint8Array([0, 1, 2, 253, 254, 255]),
        place: new GeoPoint(48.8584, 2.2945),
        friend: ada.db.doc("profiles/someone"),
        list: [1, "two", { three: 3 }, null],
        nested: { a: { b: { c: "deep" } }, empty: {}, none: [] },
      };
      await setDoc(ref, { ...data, date: new Date("2024-05-01T12:00:00.120Z") });
      const snap = await getDoc(ref);
      expect(snap.data()).toEqual({
        ...data,
        friend: expect.anything(),
        date: Timestamp.fromDate(new Date("2024-05-01T12:00:00.120Z")),
      });
      expect((snap.get("friend") as { path: string }).path).toBe("profiles/someone");
      expect(snap.get("nested.a.b.c")).toBe("deep");
      expect(snap.updateTime).toBeInstanceOf(Timestamp);
      expect(snap.createTime!.toMillis()).toBeLessThanOrEqual(snap.updateTime!.toMillis());
    });

    it("applies increment, arrayUnion, arrayRemove, serverTimestamp and deleteField", async () => {
      const ref = ada.db.doc(`profiles/${uid}`);
      await setDoc(ref, { count: 1, tags: ["a"], nickname: "Countess", stats: { seen: 0 } });
      await updateDoc(ref, {
        count: increment(2),
        tags: arrayUnion("b", "a"),
        nickname: deleteField(),
        "stats.seen": increment(1),
        "stats.last": serverTimestamp(),
      });
      let snap = await getDoc(ref);
      expect(snap.data()).toMatchObject({ count: 3, tags: ["a", "b"], stats: { seen: 1 } });
      expect(snap.get("nickname")).toBeUndefined();
      expect((snap.get("stats.last") as Timestamp).isEqual(snap.updateTime!)).toBe(true);
      await updateDoc(ref, { tags: arrayRemove("a") });
      await setDoc(ref, { stats: { extra: true }, other: 1 }, { mergeFields: ["stats.extra"] });
      snap = await getDoc(ref);
      expect(snap.data()).toMatchObject({ tags: ["b"], stats: { seen: 1, extra: true } });
      expect(snap.get("other")).toBeUndefined();
      await setDoc(ref, { count: 10 }, { merge: true });
      expect((await getDoc(ref)).data()).toMatchObject({ count: 10, tags: ["b"] });
    });

    it("deletes, and refuses to update a missing document", async () => {
      const ref = ada.db.doc(`profiles/${uid}`);
      await deleteDoc(ref);
      expect((await getDoc(ref)).exists()).toBe(false);
      await expect(updateDoc(ref, { a: 1 })).rejects.toMatchObject({ code: "not-found" });
    });

    it("surfaces a rules denial as WinkyError permission-denied", async () => {
      const denied = await setDoc(ada.db.doc("profiles/someone-else"), { a: 1 }).catch((e) => e);
      expect(isWinkyError(denied)).toBe(true);
      expect(denied).toMatchObject({ code: "permission-denied", status: 403 });
      const anonymous = client(); // signed out
      await expect(getDoc(anonymous.db.doc(`profiles/${uid}`))).rejects.toMatchObject({
        code: "permission-denied",
      });
    });
  });

  it("runs two concurrent transactions on one counter: both land, one retried", async () => {
    const a = client();
    const b = client();
    await a.auth.signIn("ada@example.com", PASSWORD);
    await b.auth.signIn("ada@example.com", PASSWORD);
    await setDoc(a.db.doc("counters/visits"), { value: 0 });
    let arrived = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((r) => (release = r));
    const runs = { a: 0, b: 0 };
    const bump = (c: WinkyClient, who: "a" | "b") =>
      runTransaction(c.db, async (tx) => {
        const ref = c.db.doc("counters/visits");
        const snap = await tx.get(ref);
        // Both first attempts read before either commits, so one of them must conflict.
        if (++runs[who] === 1) {
          if (++arrived === 2) release();
          await bothRead;
        }
        tx.set(ref, { value: (snap.get("value") as number) + 1 });
      });
    await Promise.all([bump(a, "a"), bump(b, "b")]);
    expect((await getDoc(a.db.doc("counters/visits"))).get("value")).toBe(2);
    expect(runs.a + runs.b).toBe(3);
  });
});
