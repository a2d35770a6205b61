import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { ActionTokenRecord, ActionTokenStore } from "../action-tokens.js";
import type { RefreshTokenRecord, RefreshTokenStore } from "../refresh-tokens.js";

const T0 = new Date("2030-01-01T00:00:00.000Z");
const LATER = new Date("2030-01-01T00:01:00.000Z");

/** A distinct project per test, so implementations can share one database across tests. */
const newProject = () => `p-${randomUUID().slice(0, 8)}`;
const newHash = () => randomUUID().replaceAll("-", "").padEnd(64, "0");

function refreshRecord(overrides: Partial<RefreshTokenRecord>): RefreshTokenRecord {
  return {
    tokenHash: newHash(),
    familyId: randomUUID(),
    parentHash: null,
    projectId: "p",
    uid: "u1",
    signInProvider: "password",
    authTime: T0,
    createdAt: T0,
    expiresAt: new Date("2030-02-01T00:00:00.000Z"),
    usedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

/**
 * The behaviour every {@link RefreshTokenStore} must have; call it from each implementation's
 * tests with a factory for a fresh (or shared, project-isolated) store.
 */
export function describeRefreshTokenStore(
  name: string,
  init: () => RefreshTokenStore | Promise<RefreshTokenStore>,
): void {
  describe(`RefreshTokenStore: ${name}`, () => {
    let store: RefreshTokenStore;
    let projectId: string;
    beforeEach(async () => {
      store = await init();
      projectId = newProject();
    });

    it("finds an inserted record by hash with every field, and null for an unknown hash", async () => {
      const record = refreshRecord({ projectId });
      await store.insert(record);
      expect(await store.findByHash(record.tokenHash)).toEqual(record);
      expect(await store.findByHash(newHash())).toBeNull();
    });

    it("marks a token used exactly once", async () => {
      const record = refreshRecord({ projectId });
      await store.insert(record);
      const results = await Promise.all([
        store.markUsed(record.tokenHash, LATER),
        store.markUsed(record.tokenHash, LATER),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await store.findByHash(record.tokenHash))?.usedAt).toEqual(LATER);
    });

    it("does not mark a revoked token used", async () => {
      const record = refreshRecord({ projectId, revokedAt: T0 });
      await store.insert(record);
      expect(await store.markUsed(record.tokenHash, LATER)).toBe(false);
    });

    it("revokes a whole family and nothing else, keeping earlier revocation times", async () => {
      const familyId = randomUUID();
      const a = refreshRecord({ projectId, familyId });
      const b = refreshRecord({ projectId, familyId, revokedAt: T0 });
      const other = refreshRecord({ projectId });
      for (const r of [a, b, other]) await store.insert(r);
      await store.revokeFamily(familyId, LATER);
      await store.revokeFamily(familyId, LATER);
      expect((await store.findByHash(a.tokenHash))?.revokedAt).toEqual(LATER);
      expect((await store.findByHash(b.tokenHash))?.revokedAt).toEqual(T0);
      expect((await store.findByHash(other.tokenHash))?.revokedAt).toBeNull();
    });

    it("revokes every token of one user in one project", async () => {
      const mine = refreshRecord({ projectId, uid: "u1" });
      const otherUser = refreshRecord({ projectId, uid: "u2" });
      const otherProject = refreshRecord({ projectId: newProject(), uid: "u1" });
      for (const r of [mine, otherUser, otherProject]) await store.insert(r);
      await store.revokeAllForUser(projectId, "u1", LATER);
      expect((await store.findByHash(mine.tokenHash))?.revokedAt).toEqual(LATER);
      expect((await store.findByHash(otherUser.tokenHash))?.revokedAt).toBeNull();
      expect((await store.findByHash(otherProject.tokenHash))?.revokedAt).toBeNull();
    });
  });
}

/** The behaviour every {@link ActionTokenStore} must have. */
export function describeActionTokenStore(
  name: string,
  init: () => ActionTokenStore | Promise<ActionTokenStore>,
): void {
  describe(`ActionTokenStore: ${name}`, () => {
    let store: ActionTokenStore;
    let record: ActionTokenRecord;
    beforeEach(async () => {
      store = await init();
      record = {
        tokenHash: newHash(),
        projectId: newProject(),
        purpose: "sign-up",
        uid: null,
        email: "Ann@example.com",
        passwordHash: "scrypt$1024$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2g",
        createdAt: T0,
        expiresAt: LATER,
        consumedAt: null,
      };
    });

    it("finds an inserted record by hash with every field, and null for an unknown hash", async () => {
      await store.insert(record);
      expect(await store.findByHash(record.tokenHash)).toEqual(record);
      expect(await store.findByHash(newHash())).toBeNull();
    });

    it("consumes a token exactly once, even when two consumers race", async () => {
      await store.insert(record);
      const results = await Promise.all([
        store.markConsumed(record.tokenHash, LATER),
        store.markConsumed(record.tokenHash, LATER),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await store.findByHash(record.tokenHash))?.consumedAt).toEqual(LATER);
    });

    it("answers false for an unknown token", async () => {
      expect(await store.markConsumed(newHash(), LATER)).toBe(false);
    });
  });
}
