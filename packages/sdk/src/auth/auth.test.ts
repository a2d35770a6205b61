import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  errorAnswer,
  fakeFetch,
  idToken,
  PROJECT,
  sessionAnswer,
  URL_BASE,
  type FakeAnswer,
  type SeenRequest,
} from "../../test/fake-fetch.js";
import { createClient } from "../client.js";
import { getDoc } from "../firestore/documents.js";
import { createMemoryStorage, type AuthStorage } from "./session.js";

const doc = { name: "notes/n1", fields: {}, updateTime: "2030-01-01T00:00:00.000000Z" };

/** A client over a fake runtime whose /auth/token answers `refresh` (session n+1 by default). */
function setup(
  refresh?: (r: SeenRequest) => FakeAnswer | Promise<FakeAnswer>,
  storage?: AuthStorage,
) {
  let n = 0;
  const fake = fakeFetch((r) => {
    if (r.path === "/auth/signIn") return sessionAnswer("ada", ++n);
    if (r.path === "/auth/token") return refresh ? refresh(r) : sessionAnswer("ada", ++n);
    if (r.path === "/auth/signOut") return { status: 204 };
    return { json: doc };
  });
  const client = createClient({
    url: URL_BASE,
    project: PROJECT,
    fetch: fake.fetch,
    ...(storage ? { storage } : {}),
  });
  const count = (path: string) => fake.requests.filter((r) => r.path === path).length;
  return { ...client, requests: fake.requests, count };
}

describe("auth", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["Date"], now: new Date("2030-01-01T00:00:00Z") }));
  afterEach(() => vi.useRealTimers());

  it("reads the user from the ID token and sends the token with document requests", async () => {
    const { auth, db, requests } = setup();
    const user = await auth.signIn("ada@example.com", "pw");
    expect(user).toEqual({ uid: "ada", emailVerified: false, isAnonymous: false });
    await getDoc(db.doc("notes/n1"));
    expect(requests.at(-1)?.headers.authorization).toBe(`Bearer ${idToken("ada", { n: 1 })}`);
  });

  it("reads email, verification and anonymity from the claims", async () => {
    const fake = fakeFetch(() => ({
      json: {
        uid: "u",
        idToken: idToken("u", {
          email: "é@x.test",
          email_verified: true,
          provider_id: "anonymous",
        }),
        refreshToken: "r",
        expiresIn: 3600,
      },
    }));
    const { auth } = createClient({ url: URL_BASE, project: PROJECT, fetch: fake.fetch });
    expect(await auth.signInAnonymously()).toEqual({
      uid: "u",
      email: "é@x.test",
      emailVerified: true,
      isAnonymous: true,
    });
  });

  describe("when the ID token is about to expire", () => {
    it("keeps using it until 60 s before expiry, then refreshes", async () => {
      const { auth, count } = setup();
      await auth.signIn("ada@example.com", "pw");
      vi.setSystemTime(Date.now() + 3600_000 - 61_000);
      expect(await auth.getIdToken()).toBe(idToken("ada", { n: 1 }));
      vi.setSystemTime(Date.now() + 2_000);
      expect(await auth.getIdToken()).toBe(idToken("ada", { n: 2 }));
      expect(count("/auth/token")).toBe(1);
    });

    it("shares one refresh among concurrent callers, so the refresh token is sent once", async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const { auth, db, requests, count } = setup(async () => {
        await gate;
        return sessionAnswer("ada", 2);
      });
      await auth.signIn("ada@example.com", "pw");
      vi.setSystemTime(Date.now() + 3600_000);
      const reads = [1, 2, 3].map(() => getDoc(db.doc("notes/n1")));
      const token = auth.getIdToken();
      release();
      await Promise.all(reads);
      expect(await token).toBe(idToken("ada", { n: 2 }));
      expect(count("/auth/token")).toBe(1);
      const sent = requests.filter((r) => r.path.startsWith("/documents/"));
      expect(sent.map((r) => r.headers.authorization)).toEqual(
        Array(3).fill(`Bearer ${idToken("ada", { n: 2 })}`),
      );
    });
  });

  it("renews once and retries when the runtime says the token expired (clock skew)", async () => {
    let rejected = false;
    const fake = fakeFetch((r) => {
      if (r.path === "/auth/signIn") return sessionAnswer("ada", 1);
      if (r.path === "/auth/token") return sessionAnswer("ada", 2);
      if (!rejected) {
        rejected = true;
        return errorAnswer(401, "unauthenticated", "expired", { reason: "token-expired" });
      }
      return { json: doc };
    });
    const { auth, db } = createClient({ url: URL_BASE, project: PROJECT, fetch: fake.fetch });
    await auth.signIn("ada@example.com", "pw");
    expect((await getDoc(db.doc("notes/n1"))).exists()).toBe(true);
    expect(fake.requests.map((r) => r.path)).toEqual([
      "/auth/signIn",
      "/documents/notes/n1",
      "/auth/token",
      "/documents/notes/n1",
    ]);
  });

  it("signs out when the runtime refuses the refresh token", async () => {
    const { auth } = setup(() =>
      errorAnswer(401, "unauthenticated", "reused", { reason: "refresh-token-reused" }),
    );
    const seen: unknown[] = [];
    auth.onAuthStateChanged((u) => seen.push(u?.uid ?? null));
    await auth.signIn("ada@example.com", "pw");
    await expect(auth.getIdToken(true)).rejects.toMatchObject({ code: "unauthenticated" });
    expect(auth.currentUser).toBeNull();
    expect(seen).toEqual([null, "ada", null]);
  });

  describe("persistence", () => {
    it("restores a kept session and signs out by revoking its refresh token", async () => {
      const storage = createMemoryStorage();
      await setup(undefined, storage).auth.signIn("ada@example.com", "pw");
      const again = setup(undefined, storage);
      await again.auth.authStateReady();
      expect(again.auth.currentUser?.uid).toBe("ada");
      await again.auth.signOut();
      expect(again.requests.at(-1)).toMatchObject({
        path: "/auth/signOut",
        body: { refreshToken: "refresh-1" },
      });
      expect(await storage.getItem(`winky:session:${URL_BASE}:${PROJECT}`)).toBeNull();
    });

    it("adopts a token another tab already rotated instead of reusing the old one", async () => {
      const storage = createMemoryStorage();
      const tabA = setup(undefined, storage);
      await tabA.auth.signIn("ada@example.com", "pw");
      const tabB = setup(() => sessionAnswer("ada", 7), storage);
      await tabB.auth.authStateReady();
      vi.setSystemTime(Date.now() + 3600_000);
      expect(await tabB.auth.getIdToken()).toBe(idToken("ada", { n: 7 })); // keeps refresh-7
      expect(await tabA.auth.getIdToken(true)).toBe(idToken("ada", { n: 7 }));
      expect(tabA.count("/auth/token")).toBe(0);
    });
  });
});
