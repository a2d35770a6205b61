import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { ActionTokenRecord, RefreshTokenRecord } from "../core/index.js";
import { PostgresActionTokenStore } from "./action-token-store.js";
import { PostgresRefreshTokenStore } from "./refresh-token-store.js";
import { createProject, useAuthDatabase } from "./testing.js";

const P = "tokens";
const T0 = new Date("2030-01-01T00:00:00.000Z");
const LATER = new Date("2030-01-01T00:01:00.000Z");
const newHash = () => randomUUID().replaceAll("-", "").padEnd(64, "0");

const refresh = (overrides: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord => ({
  tokenHash: newHash(),
  familyId: randomUUID(),
  parentHash: null,
  projectId: P,
  uid: "u1",
  signInProvider: "password",
  authTime: T0,
  createdAt: T0,
  expiresAt: new Date("2030-02-01T00:00:00.000Z"),
  usedAt: null,
  revokedAt: null,
  ...overrides,
});

const action = (overrides: Partial<ActionTokenRecord> = {}): ActionTokenRecord => ({
  tokenHash: newHash(),
  projectId: P,
  purpose: "password-reset",
  uid: "u1",
  email: "ann@example.com",
  passwordHash: null,
  createdAt: T0,
  expiresAt: LATER,
  consumedAt: null,
  ...overrides,
});

const tenTimes = <T>(fn: () => Promise<T>) => Promise.all(Array.from({ length: 10 }, fn));

describe("the Postgres token stores", () => {
  const db = useAuthDatabase("auth_tokens");
  let refreshTokens: PostgresRefreshTokenStore;
  let actionTokens: PostgresActionTokenStore;
  beforeAll(async () => {
    await createProject(db.pool(), P);
    refreshTokens = new PostgresRefreshTokenStore(db.pool());
    actionTokens = new PostgresActionTokenStore(db.pool());
  });

  describe("PostgresRefreshTokenStore", () => {
    it("lets exactly one of 10 concurrent markUsed calls on one token succeed", async () => {
      const record = refresh();
      await refreshTokens.insert(record);
      const results = await tenTimes(() => refreshTokens.markUsed(record.tokenHash, LATER));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("does not mark a token used once a concurrent revocation won", async () => {
      const record = refresh();
      await refreshTokens.insert(record);
      await refreshTokens.revokeFamily(record.familyId, T0);
      expect(await refreshTokens.markUsed(record.tokenHash, LATER)).toBe(false);
      expect((await refreshTokens.findByHash(record.tokenHash))?.usedAt).toBeNull();
    });

    it("refuses a token of a project that does not exist", async () => {
      await expect(
        refreshTokens.insert(refresh({ projectId: "nope-project" })),
      ).rejects.toMatchObject({ code: "23503" });
    });

    it("purges tokens expired before the given time and keeps the others", async () => {
      const old = refresh({ expiresAt: new Date("2000-01-01T00:00:00.000Z") });
      const live = refresh();
      for (const r of [old, live]) await refreshTokens.insert(r);
      expect(await refreshTokens.purgeExpired(T0)).toBeGreaterThanOrEqual(1);
      expect(await refreshTokens.findByHash(old.tokenHash)).toBeNull();
      expect(await refreshTokens.findByHash(live.tokenHash)).not.toBeNull();
    });
  });

  describe("PostgresActionTokenStore", () => {
    it("lets exactly one of 10 concurrent markConsumed calls on one token succeed", async () => {
      const record = action();
      await actionTokens.insert(record);
      const results = await tenTimes(() => actionTokens.markConsumed(record.tokenHash, LATER));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await actionTokens.findByHash(record.tokenHash))?.consumedAt).toEqual(LATER);
    });

    it("refuses a purpose the core does not know", async () => {
      const bad = { ...action(), purpose: "delete-account" } as unknown as ActionTokenRecord;
      await expect(actionTokens.insert(bad)).rejects.toMatchObject({
        constraint: "action_tokens_purpose",
      });
    });

    it("purges tokens expired before the given time and keeps the others", async () => {
      const old = action({ expiresAt: new Date("2000-01-01T00:00:00.000Z") });
      const live = action();
      for (const r of [old, live]) await actionTokens.insert(r);
      expect(await actionTokens.purgeExpired(T0)).toBeGreaterThanOrEqual(1);
      expect(await actionTokens.findByHash(old.tokenHash)).toBeNull();
      expect(await actionTokens.findByHash(live.tokenHash)).not.toBeNull();
    });
  });
});
