import { beforeEach, describe, expect, it } from "vitest";
import { ActionTokens, type ActionPurpose } from "./action-tokens.js";
import { isAuthError } from "./errors.js";
import { HOUR, hashOpaqueToken } from "./primitives.js";
import { ManualClock } from "./testing/memory-auth.js";
import { MemoryActionTokenStore } from "./testing/memory-stores.js";

const PROJECT = "demo";

describe("action tokens", () => {
  let clock: ManualClock;
  let store: MemoryActionTokenStore;
  let tokens: ActionTokens;
  beforeEach(() => {
    clock = new ManualClock();
    store = new MemoryActionTokenStore();
    tokens = new ActionTokens({ store, clock });
  });

  const create = (purpose: ActionPurpose) =>
    tokens.create({ projectId: PROJECT, purpose, email: "ann@example.com", uid: "u1" });

  const consumeFailure = async (purpose: ActionPurpose, token: string, projectId = PROJECT) => {
    try {
      await tokens.consume(projectId, purpose, token);
      return "consumed";
    } catch (e) {
      if (isAuthError(e)) return `${e.code}: ${e.message}`;
      throw e;
    }
  };
  const INVALID = "invalid-action-token: the link is invalid, expired or already used";

  it("are random, and stored only as their hash with purpose, user and expiry", async () => {
    const { token, expiresAt } = await create("password-reset");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.all()).toEqual([
      {
        tokenHash: hashOpaqueToken(token),
        projectId: PROJECT,
        purpose: "password-reset",
        uid: "u1",
        email: "ann@example.com",
        passwordHash: null,
        createdAt: clock.now(),
        expiresAt,
        consumedAt: null,
      },
    ]);
  });

  it("consume once and only once", async () => {
    const { token } = await create("verify-email");
    const record = await tokens.consume(PROJECT, "verify-email", token);
    expect(record).toMatchObject({ uid: "u1", email: "ann@example.com", consumedAt: clock.now() });
    expect(await consumeFailure("verify-email", token)).toBe(INVALID);
  });

  it("let only one of two concurrent consumers through", async () => {
    const { token } = await create("password-reset");
    const results = await Promise.allSettled([
      tokens.consume(PROJECT, "password-reset", token),
      tokens.consume(PROJECT, "password-reset", token),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("expire after one hour for a password reset", async () => {
    const { token } = await create("password-reset");
    const { token: other } = await create("password-reset");
    clock.advance(HOUR - 1);
    expect(await consumeFailure("password-reset", token)).toBe("consumed");
    clock.advance(1);
    expect(await consumeFailure("password-reset", other)).toBe(INVALID);
  });

  it.each(["verify-email", "sign-up"] as const)("expire after 24 hours for %s", async (purpose) => {
    const { token } = await create(purpose);
    const { token: other } = await create(purpose);
    clock.advance(24 * HOUR - 1);
    expect(await consumeFailure(purpose, token)).toBe("consumed");
    clock.advance(1);
    expect(await consumeFailure(purpose, other)).toBe(INVALID);
  });

  it("answer a wrong purpose, wrong project, unknown or malformed token the same, without consuming", async () => {
    const { token } = await create("verify-email");
    expect(await consumeFailure("password-reset", token)).toBe(INVALID);
    expect(await consumeFailure("verify-email", token, "other")).toBe(INVALID);
    expect(await consumeFailure("verify-email", "A".repeat(43))).toBe(INVALID);
    expect(await consumeFailure("verify-email", "../etc/passwd")).toBe(INVALID);
    expect(await consumeFailure("verify-email", token)).toBe("consumed");
  });

  it("follow configured lifetimes", async () => {
    tokens = new ActionTokens({ store, clock, ttlMs: { "password-reset": 10 * 60_000 } });
    expect(tokens.ttlMsOf("password-reset")).toBe(600_000);
    expect(tokens.ttlMsOf("verify-email")).toBe(24 * HOUR);
  });
});
