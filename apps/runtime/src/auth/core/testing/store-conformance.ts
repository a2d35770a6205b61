import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { RateLimiter } from "../rate-limit.js";
import type { SigningKeyRecord, SigningKeyStore } from "../signing-keys.js";
import type { AuthUser, UserStore } from "../users.js";
import { ManualClock } from "./memory-auth.js";

const newProject = () => `p-${randomUUID().slice(0, 8)}`;
const T0 = new Date("2030-01-01T00:00:00.000Z");

function user(projectId: string, uid: string, email: string | null): AuthUser {
  return {
    projectId,
    uid,
    email,
    emailVerified: false,
    passwordHash: null,
    anonymous: email === null,
    disabled: false,
    customClaims: { role: "admin", tags: ["a"] },
    createdAt: T0,
    lastSignInAt: null,
  };
}

/** The behaviour every {@link UserStore} must have. */
export function describeUserStore(name: string, init: () => UserStore | Promise<UserStore>): void {
  describe(`UserStore: ${name}`, () => {
    let store: UserStore;
    let projectId: string;
    beforeEach(async () => {
      store = await init();
      projectId = newProject();
    });

    it("creates a user and finds it by uid and by email in any case", async () => {
      const ann = user(projectId, "u1", "Ann@example.com");
      expect(await store.create(ann)).toBe(true);
      expect(await store.get(projectId, "u1")).toEqual(ann);
      expect(await store.findByEmail(projectId, "ann@EXAMPLE.com")).toEqual(ann);
      expect(await store.findByEmail(newProject(), "ann@example.com")).toBeNull();
    });

    it("refuses a second user with the same email in another case, writing nothing", async () => {
      await store.create(user(projectId, "u1", "ann@example.com"));
      expect(await store.create(user(projectId, "u2", "ANN@example.com"))).toBe(false);
      expect(await store.get(projectId, "u2")).toBeNull();
    });

    it("allows many users without email", async () => {
      expect(await store.create(user(projectId, "a1", null))).toBe(true);
      expect(await store.create(user(projectId, "a2", null))).toBe(true);
    });

    it("updates only the patched fields, and answers null for an unknown user", async () => {
      await store.create(user(projectId, "u1", "ann@example.com"));
      const updated = await store.update(projectId, "u1", { disabled: true, customClaims: {} });
      expect(updated).toMatchObject({ disabled: true, customClaims: {}, email: "ann@example.com" });
      expect(await store.update(projectId, "nobody", { disabled: true })).toBeNull();
    });

    it("lists users by uid, a page at a time", async () => {
      for (const uid of ["c", "a", "b"]) await store.create(user(projectId, uid, null));
      const first = await store.list(projectId, { limit: 2 });
      expect(first.map((u) => u.uid)).toEqual(["a", "b"]);
      const second = await store.list(projectId, { limit: 2, after: "b" });
      expect(second.map((u) => u.uid)).toEqual(["c"]);
    });

    it("deletes a user once", async () => {
      await store.create(user(projectId, "u1", "ann@example.com"));
      expect(await store.delete(projectId, "u1")).toBe(true);
      expect(await store.delete(projectId, "u1")).toBe(false);
      expect(await store.findByEmail(projectId, "ann@example.com")).toBeNull();
    });
  });
}

/** The behaviour every {@link SigningKeyStore} must have. */
export function describeSigningKeyStore(
  name: string,
  init: () => SigningKeyStore | Promise<SigningKeyStore>,
): void {
  describe(`SigningKeyStore: ${name}`, () => {
    const record = (projectId: string, kid: string, createdAt: Date): SigningKeyRecord => {
      const publicJwk = {
        kty: "EC",
        crv: "P-256",
        x: "x",
        y: "y",
        kid,
        alg: "ES256",
        use: "sig",
      } as const;
      const at = createdAt;
      return {
        projectId,
        kid,
        publicJwk,
        privateJwk: { ...publicJwk, d: "d" },
        status: "active",
        createdAt: at,
        statusChangedAt: at,
      };
    };

    it("lists a project's keys oldest first, with every field", async () => {
      const store = await init();
      const projectId = newProject();
      const newer = record(projectId, "k2", new Date("2030-01-02T00:00:00.000Z"));
      const older = record(projectId, "k1", T0);
      await store.add(newer);
      await store.add(older);
      await store.add(record(newProject(), "k3", T0));
      expect(await store.list(projectId)).toEqual([older, newer]);
    });

    it("updates a key's status and when it changed; ignores unknown keys", async () => {
      const store = await init();
      const projectId = newProject();
      await store.add(record(projectId, "k1", T0));
      const at = new Date("2030-01-03T00:00:00.000Z");
      await store.updateStatus(projectId, "k1", "retiring", at);
      await store.updateStatus(projectId, "missing", "retired", at);
      expect(await store.list(projectId)).toMatchObject([
        { kid: "k1", status: "retiring", statusChangedAt: at },
      ]);
    });
  });
}

/** The behaviour every {@link RateLimiter} must have, on a manual clock it is built with. */
export function describeRateLimiter(
  name: string,
  init: (clock: ManualClock) => RateLimiter | Promise<RateLimiter>,
): void {
  describe(`RateLimiter: ${name}`, () => {
    let clock: ManualClock;
    let limiter: RateLimiter;
    let key: string;
    beforeEach(async () => {
      clock = new ManualClock();
      limiter = await init(clock);
      key = `k-${randomUUID()}`;
    });

    it("allows `limit` hits per window, then refuses with a retry-after within the window", async () => {
      for (let i = 0; i < 3; i++) expect((await limiter.hit(key, 3, 60_000)).allowed).toBe(true);
      const refused = await limiter.hit(key, 3, 60_000);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
      clock.advance(refused.retryAfterMs);
      expect((await limiter.hit(key, 3, 60_000)).allowed).toBe(true);
    });

    it("peeks without counting, resets, and keeps keys apart", async () => {
      for (let i = 0; i < 5; i++) expect((await limiter.peek(key, 1, 60_000)).allowed).toBe(true);
      await limiter.hit(key, 1, 60_000);
      expect((await limiter.peek(key, 1, 60_000)).allowed).toBe(false);
      expect((await limiter.hit(`${key}-other`, 1, 60_000)).allowed).toBe(true);
      await limiter.reset(key);
      await limiter.reset(key);
      expect((await limiter.hit(key, 1, 60_000)).allowed).toBe(true);
    });
  });
}
