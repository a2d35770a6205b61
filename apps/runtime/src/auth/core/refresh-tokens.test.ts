import { beforeEach, describe, expect, it } from "vitest";
import { isAuthError, type AuthErrorCode } from "./errors.js";
import { DAY, hashOpaqueToken } from "./primitives.js";
import { RefreshTokens } from "./refresh-tokens.js";
import { ManualClock } from "./testing/memory-auth.js";
import { MemoryRefreshTokenStore } from "./testing/memory-stores.js";

const PROJECT = "demo";

describe("refresh tokens", () => {
  let clock: ManualClock;
  let store: MemoryRefreshTokenStore;
  let tokens: RefreshTokens;
  beforeEach(() => {
    clock = new ManualClock();
    store = new MemoryRefreshTokenStore();
    tokens = new RefreshTokens({ store, clock });
  });

  const signIn = (uid = "u1") =>
    tokens.issue({ projectId: PROJECT, uid, signInProvider: "password" });

  const rotateFailure = async (token: string, projectId = PROJECT) => {
    try {
      await tokens.rotate(projectId, token);
      return "rotated";
    } catch (e) {
      if (isAuthError(e)) return { code: e.code as AuthErrorCode, message: e.message };
      throw e;
    }
  };

  it("are 32 random bytes in base64url, stored only as their SHA-256", async () => {
    const issued = await signIn();
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [record] = store.all();
    expect(record?.tokenHash).toBe(hashOpaqueToken(issued.token));
    expect(JSON.stringify(store.all())).not.toContain(issued.token);
  });

  it("start a family on sign-in, expiring in 30 days", async () => {
    const issued = await signIn();
    expect(store.all()).toEqual([
      expect.objectContaining({
        familyId: issued.session.familyId,
        parentHash: null,
        projectId: PROJECT,
        uid: "u1",
        signInProvider: "password",
        authTime: clock.now(),
        createdAt: clock.now(),
        expiresAt: new Date(clock.now().getTime() + 30 * DAY),
        usedAt: null,
        revokedAt: null,
      }),
    ]);
  });

  describe("rotation", () => {
    it("marks the token used and issues the next of the same family, keeping auth time", async () => {
      const first = await signIn();
      clock.advance(60_000);
      const second = await tokens.rotate(PROJECT, first.token);
      expect(second.token).not.toBe(first.token);
      expect(second.session).toEqual(first.session);
      const byHash = new Map(store.all().map((r) => [r.tokenHash, r]));
      expect(byHash.get(hashOpaqueToken(first.token))?.usedAt).toEqual(clock.now());
      expect(byHash.get(hashOpaqueToken(second.token))).toMatchObject({
        parentHash: hashOpaqueToken(first.token),
        familyId: first.session.familyId,
        createdAt: clock.now(),
      });
    });

    it("on reuse of a used token, revokes the whole family and says so", async () => {
      const first = await signIn();
      const second = await tokens.rotate(PROJECT, first.token);
      const third = await tokens.rotate(PROJECT, second.token);
      expect(await rotateFailure(first.token)).toMatchObject({ code: "refresh-token-reused" });
      // The legitimate holder of the newest token is signed out too: the thief may have it.
      expect(await rotateFailure(third.token)).toMatchObject({ code: "invalid-refresh-token" });
      expect(store.all().every((r) => r.revokedAt !== null)).toBe(true);
    });

    it("does not touch other families of the same user on reuse", async () => {
      const phone = await signIn();
      const laptop = await signIn();
      await tokens.rotate(PROJECT, phone.token);
      await rotateFailure(phone.token);
      expect(await rotateFailure(laptop.token)).toBe("rotated");
    });

    it("revokes the family when two rotations of one token race (no grace window)", async () => {
      const first = await signIn();
      const results = await Promise.allSettled([
        tokens.rotate(PROJECT, first.token),
        tokens.rotate(PROJECT, first.token),
      ]);
      const reasons = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
      expect(reasons.length).toBeGreaterThanOrEqual(1);
      for (const reason of reasons) expect(reason).toMatchObject({ code: "refresh-token-reused" });
      // Whatever a winner received is dead too: nobody keeps a live token from a reused one.
      expect(store.all().every((r) => r.revokedAt !== null)).toBe(true);
    });

    it("revokes a successor written after a concurrent reuse revoked the family", async () => {
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      let holdInserts = false;
      const slowStore = new (class extends MemoryRefreshTokenStore {
        override async insert(record: Parameters<MemoryRefreshTokenStore["insert"]>[0]) {
          if (holdInserts) await gate;
          return super.insert(record);
        }
      })();
      tokens = new RefreshTokens({ store: slowStore, clock });
      const first = await signIn();
      holdInserts = true;
      const winner = tokens.rotate(PROJECT, first.token);
      await new Promise((resolve) => setTimeout(resolve, 0)); // the winner is now inside insert
      expect(await rotateFailure(first.token)).toMatchObject({ code: "refresh-token-reused" });
      release();
      await expect(winner).rejects.toMatchObject({ code: "refresh-token-reused" });
      expect(slowStore.all()).toHaveLength(2);
      expect(slowStore.all().every((r) => r.revokedAt !== null)).toBe(true);
    });

    it("answers unknown, revoked, expired and foreign tokens with one indistinguishable error", async () => {
      const revoked = await signIn();
      await tokens.revoke(PROJECT, revoked.token);
      const expiring = await signIn();
      const foreign = await tokens.issue({
        projectId: "other",
        uid: "u1",
        signInProvider: "password",
      });
      clock.advance(30 * DAY);
      const fresh = "A".repeat(43);
      const answers = await Promise.all([
        rotateFailure(fresh),
        rotateFailure("not a token"),
        rotateFailure(revoked.token),
        rotateFailure(expiring.token),
        rotateFailure(foreign.token),
      ]);
      const expected = { code: "invalid-refresh-token", message: "the refresh token is not valid" };
      for (const answer of answers) expect(answer).toEqual(expected);
    });

    it("treats an expired used token as invalid rather than as reuse", async () => {
      const first = await signIn();
      const second = await tokens.rotate(PROJECT, first.token);
      clock.advance(30 * DAY);
      expect(await rotateFailure(first.token)).toMatchObject({ code: "invalid-refresh-token" });
      expect(
        store.all().find((r) => r.tokenHash === hashOpaqueToken(second.token))?.revokedAt,
      ).toBeNull();
    });

    it("starts each rotated token with a fresh lifetime", async () => {
      const first = await signIn();
      clock.advance(29 * DAY);
      const second = await tokens.rotate(PROJECT, first.token);
      clock.advance(29 * DAY);
      expect(await rotateFailure(second.token)).toBe("rotated");
    });
  });

  describe("revocation", () => {
    it("signs one device out by revoking its family; unknown tokens are ignored", async () => {
      const phone = await signIn();
      const laptop = await signIn();
      await tokens.revoke(PROJECT, phone.token);
      await tokens.revoke(PROJECT, "A".repeat(43));
      expect(await rotateFailure(phone.token)).toMatchObject({ code: "invalid-refresh-token" });
      expect(await rotateFailure(laptop.token)).toBe("rotated");
    });

    it("does not let another project revoke a token", async () => {
      const phone = await signIn();
      await tokens.revoke("other", phone.token);
      expect(await rotateFailure(phone.token)).toBe("rotated");
    });

    it("signs a user out everywhere, leaving other users alone", async () => {
      const phone = await signIn("u1");
      const laptop = await signIn("u1");
      const bob = await signIn("u2");
      await tokens.revokeAllForUser(PROJECT, "u1");
      expect(await rotateFailure(phone.token)).toMatchObject({ code: "invalid-refresh-token" });
      expect(await rotateFailure(laptop.token)).toMatchObject({ code: "invalid-refresh-token" });
      expect(await rotateFailure(bob.token)).toBe("rotated");
    });

    it("revokes a family by id", async () => {
      const phone = await signIn();
      await tokens.revokeFamily(phone.session.familyId);
      expect(await rotateFailure(phone.token)).toMatchObject({ code: "invalid-refresh-token" });
    });
  });
});
