import { beforeEach, describe, expect, it } from "vitest";
import { isAuthError } from "./errors.js";
import { HOUR, MINUTE } from "./primitives.js";
import { DEFAULT_AUTH_LIMITS, SignInGuard } from "./rate-limit.js";
import { MemoryRateLimiter } from "./rate-limit.memory.js";
import { ManualClock } from "./testing/memory-auth.js";

const P = "demo";
const EMAIL = "ann@example.com";

describe("SignInGuard", () => {
  let clock: ManualClock;
  let guard: SignInGuard;
  beforeEach(() => {
    clock = new ManualClock();
    guard = new SignInGuard(new MemoryRateLimiter(clock));
  });

  const attempt = async (ip = "10.0.0.1", email = EMAIL) => {
    try {
      await guard.beforeSignIn(P, ip, email);
      return "allowed";
    } catch (e) {
      if (isAuthError(e)) return e.code;
      throw e;
    }
  };
  const fail = async (times: number, ip = "10.0.0.1", email = EMAIL) => {
    for (let i = 0; i < times; i++) {
      expect(await attempt(ip, email)).toBe("allowed");
      await guard.signInFailed(P, email);
    }
  };

  it("defaults to lockout after 5 failures in 15 minutes, for 15 minutes, and sign-up 10/hour", () => {
    expect(DEFAULT_AUTH_LIMITS.lockout).toEqual({
      failures: 5,
      windowMs: 15 * MINUTE,
      durationMs: 15 * MINUTE,
    });
    expect(DEFAULT_AUTH_LIMITS.signUpPerIp).toEqual({ limit: 10, windowMs: HOUR });
  });

  describe("lockout", () => {
    it("allows 4 failures, locks on the 5th, from any IP, and tells when to retry", async () => {
      await fail(5);
      expect(await attempt()).toBe("too-many-attempts");
      expect(await attempt("192.168.1.1")).toBe("too-many-attempts");
      await expect(guard.beforeSignIn(P, "10.0.0.9", EMAIL)).rejects.toMatchObject({
        retryAfterMs: 15 * MINUTE,
      });
    });

    it("lasts 15 minutes, then counts afresh", async () => {
      await fail(5);
      clock.advance(15 * MINUTE - 1);
      expect(await attempt()).toBe("too-many-attempts");
      clock.advance(1);
      expect(await attempt()).toBe("allowed");
      await fail(4);
      expect(await attempt()).toBe("allowed");
    });

    it("counts only failures within 15 minutes", async () => {
      await fail(4);
      clock.advance(15 * MINUTE);
      await fail(4);
      expect(await attempt()).toBe("allowed");
    });

    it("is cleared by a successful sign-in", async () => {
      await fail(4);
      await guard.signInSucceeded(P, EMAIL);
      await fail(4);
      expect(await attempt()).toBe("allowed");
    });

    it("is lifted by clearLockout (after a password reset)", async () => {
      await fail(5);
      await guard.clearLockout(P, EMAIL);
      expect(await attempt()).toBe("allowed");
    });

    it("locks one email without touching others or other projects", async () => {
      await fail(5);
      expect(await attempt("10.0.0.1", "bob@example.com")).toBe("allowed");
      await expect(guard.beforeSignIn("other", "10.0.0.1", EMAIL)).resolves.toBeUndefined();
    });
  });

  it("limits attempts per IP across emails", async () => {
    guard = new SignInGuard(new MemoryRateLimiter(clock), {
      signInPerIp: { limit: 3, windowMs: MINUTE },
    });
    for (const n of [1, 2, 3])
      expect(await attempt("10.0.0.1", `u${n}@example.com`)).toBe("allowed");
    expect(await attempt("10.0.0.1", "u4@example.com")).toBe("too-many-attempts");
    expect(await attempt("10.0.0.2", "u4@example.com")).toBe("allowed");
  });

  it("limits attempts per email across IPs, successful or not", async () => {
    guard = new SignInGuard(new MemoryRateLimiter(clock), {
      signInPerEmail: { limit: 2, windowMs: MINUTE },
    });
    expect(await attempt("10.0.0.1")).toBe("allowed");
    expect(await attempt("10.0.0.2")).toBe("allowed");
    expect(await attempt("10.0.0.3")).toBe("too-many-attempts");
  });

  it("limits sign-ups to 10 per hour per IP", async () => {
    for (let i = 0; i < 10; i++) await guard.beforeSignUp(P, "10.0.0.1");
    await expect(guard.beforeSignUp(P, "10.0.0.1")).rejects.toMatchObject({
      code: "too-many-attempts",
      retryAfterMs: HOUR,
    });
    await expect(guard.beforeSignUp(P, "10.0.0.2")).resolves.toBeUndefined();
    clock.advance(HOUR);
    await expect(guard.beforeSignUp(P, "10.0.0.1")).resolves.toBeUndefined();
  });

  it("limits mails per address and per IP", async () => {
    for (let i = 0; i < 5; i++) await guard.beforeMail(P, `10.0.0.${i}`, EMAIL);
    await expect(guard.beforeMail(P, "10.0.1.1", EMAIL)).rejects.toMatchObject({
      code: "too-many-attempts",
    });
    for (let i = 0; i < 15; i++) await guard.beforeMail(P, "10.0.0.1", `u${i}@example.com`);
    // 10.0.0.1 has now asked for 16 mails; 4 more reach the per-IP limit of 20.
    for (let i = 0; i < 4; i++) await guard.beforeMail(P, "10.0.0.1", `v${i}@example.com`);
    await expect(guard.beforeMail(P, "10.0.0.1", "w@example.com")).rejects.toMatchObject({
      code: "too-many-attempts",
    });
  });
});
