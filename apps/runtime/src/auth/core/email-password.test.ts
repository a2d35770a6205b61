import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AuthCore } from "./auth-core.js";
import { isAuthError } from "./errors.js";
import { createPasswordHasher } from "./passwords.js";
import { MINUTE } from "./primitives.js";
import type { ManualClock } from "./testing/memory-auth.js";
import { createTestAuthCore, type MemoryAuthStores } from "./testing/memory-auth.js";

const P = "demo";
const IP = "10.0.0.1";

describe("email/password", () => {
  let core: AuthCore;
  let stores: MemoryAuthStores;
  let clock: ManualClock;
  beforeEach(() => {
    ({ core, stores, clock } = createTestAuthCore());
  });

  const signUp = (email: string, password = "correct horse") =>
    core.emailPassword.signUp({ projectId: P, email, password, ip: IP });
  const signIn = (email: string, password: string, ip = IP) =>
    core.emailPassword.signIn({ projectId: P, email, password, ip });
  const register = async (email: string, password = "correct horse") => {
    await signUp(email, password);
    return core.emailPassword.confirmSignUp(P, stores.outbox.lastToken(email.trim()));
  };
  const outcome = async (promise: Promise<unknown>) => {
    try {
      await promise;
      return "ok";
    } catch (e) {
      if (isAuthError(e)) return { code: e.code, message: e.message, runtime: e.runtimeCode };
      throw e;
    }
  };

  describe("sign-up", () => {
    it("creates no account yet and mails a confirmation link", async () => {
      expect(await signUp("Ann@Example.com")).toEqual({ status: "confirmation-sent" });
      expect(await stores.users.findByEmail(P, "ann@example.com")).toBeNull();
      expect(stores.outbox.messages.map((m) => [m.kind, m.to])).toEqual([
        ["sign-up", "Ann@example.com"],
      ]);
    });

    it("answers an existing address exactly the same and mails its owner a notice", async () => {
      await register("ann@example.com");
      const answer = await signUp("ANN@example.com", "another password");
      expect(answer).toEqual({ status: "confirmation-sent" });
      const last = stores.outbox.messages.at(-1);
      expect(last).toMatchObject({ kind: "sign-up-attempt", to: "ann@example.com" });
      expect(stores.actionTokens.all().filter((t) => t.purpose === "sign-up")).toHaveLength(1);
    });

    it("creates the account, verified, when the link is opened, and signs it in", async () => {
      await signUp("ann@example.com");
      const session = await core.emailPassword.confirmSignUp(
        P,
        stores.outbox.lastToken("ann@example.com"),
      );
      const user = await stores.users.get(P, session.uid);
      expect(user).toMatchObject({
        email: "ann@example.com",
        emailVerified: true,
        anonymous: false,
      });
      const claims = await core.accessTokens.verifyAccessToken(P, session.idToken);
      expect(claims.firebase.sign_in_provider).toBe("password");
    });

    it("lets a link be used once only", async () => {
      await signUp("ann@example.com");
      const token = stores.outbox.lastToken("ann@example.com");
      await core.emailPassword.confirmSignUp(P, token);
      expect(await outcome(core.emailPassword.confirmSignUp(P, token))).toMatchObject({
        code: "invalid-action-token",
      });
    });

    it("keeps the password of the confirmed sign-up, not of a later one for the same address", async () => {
      await signUp("ann@example.com", "owner's password");
      const ownerLink = stores.outbox.lastToken("ann@example.com");
      await signUp("ann@example.com", "attacker password");
      await core.emailPassword.confirmSignUp(P, ownerLink);
      expect(await outcome(signIn("ann@example.com", "owner's password"))).toBe("ok");
      expect(await outcome(signIn("ann@example.com", "attacker password"))).toMatchObject({
        code: "invalid-credentials",
      });
    });

    it("refuses a second confirmation once the address has an account", async () => {
      await signUp("ann@example.com");
      const first = stores.outbox.lastToken("ann@example.com");
      await signUp("ann@example.com");
      const second = stores.outbox.lastToken("ann@example.com");
      await core.emailPassword.confirmSignUp(P, second);
      expect(await outcome(core.emailPassword.confirmSignUp(P, first))).toMatchObject({
        code: "invalid-action-token",
      });
    });

    it("checks the email and the password policy first", async () => {
      expect(await outcome(signUp("not-an-email"))).toMatchObject({ code: "invalid-email" });
      expect(await outcome(signUp("ann@example.com", "short"))).toMatchObject({
        code: "weak-password",
        message: "password must be at least 8 characters",
      });
      expect(stores.outbox.messages).toEqual([]);
    });

    it("is limited per IP", async () => {
      for (let i = 0; i < 10; i++) await signUp(`u${i}@example.com`);
      expect(await outcome(signUp("u10@example.com"))).toMatchObject({ code: "too-many-attempts" });
    });
  });

  describe("sign-in", () => {
    beforeEach(async () => {
      await register("Ann@example.com");
    });

    it("signs in with the right password, whatever the case of the email", async () => {
      const session = await signIn("ann@EXAMPLE.com", "correct horse");
      expect(session.expiresIn).toBe(3600);
      const claims = await core.accessTokens.verifyAccessToken(P, session.idToken);
      expect(claims).toMatchObject({ email: "Ann@example.com", email_verified: true });
      expect((await stores.users.get(P, session.uid))?.lastSignInAt).toEqual(clock.now());
    });

    it("fails identically for an unknown email and for a wrong password", async () => {
      const unknown = await outcome(signIn("nobody@example.com", "correct horse"));
      const wrong = await outcome(signIn("ann@example.com", "wrong password"));
      expect(unknown).toEqual({
        code: "invalid-credentials",
        message: "the email or password is incorrect",
        runtime: "unauthenticated",
      });
      expect(wrong).toEqual(unknown);
    });

    it("runs one scrypt verification for an unknown email too", async () => {
      const dummy = vi.spyOn(core.hasher, "dummyVerify");
      const verify = vi.spyOn(core.hasher, "verify");
      await outcome(signIn("nobody@example.com", "correct horse"));
      expect(dummy).toHaveBeenCalledTimes(1);
      await outcome(signIn("ann@example.com", "wrong password"));
      expect(verify).toHaveBeenCalledTimes(1);
      expect(dummy).toHaveBeenCalledTimes(1);
    });

    it("locks an address after 5 failures for 15 minutes, the same for unknown addresses", async () => {
      for (const email of ["ann@example.com", "nobody@example.com"]) {
        for (let i = 0; i < 5; i++) await outcome(signIn(email, "wrong password"));
        expect(await outcome(signIn(email, "correct horse"))).toMatchObject({
          code: "too-many-attempts",
          runtime: "resource-exhausted",
        });
      }
      clock.advance(15 * MINUTE);
      expect(await outcome(signIn("ann@example.com", "correct horse"))).toBe("ok");
    });

    it("refuses a disabled account only after the password was right", async () => {
      const user = await stores.users.findByEmail(P, "ann@example.com");
      await core.admin.setDisabled(P, user!.uid, true);
      expect(await outcome(signIn("ann@example.com", "wrong password"))).toMatchObject({
        code: "invalid-credentials",
      });
      expect(await outcome(signIn("ann@example.com", "correct horse"))).toMatchObject({
        code: "user-disabled",
        runtime: "permission-denied",
      });
    });

    it("rehashes a password stored with older scrypt parameters", async () => {
      const user = await stores.users.findByEmail(P, "ann@example.com");
      const old = createPasswordHasher({
        params: { N: 512, r: 8, p: 1 },
        allowLowCostForTests: true,
      });
      await stores.users.update(P, user!.uid, { passwordHash: await old.hash("correct horse") });
      await signIn("ann@example.com", "correct horse");
      const after = await stores.users.get(P, user!.uid);
      expect(after?.passwordHash).toMatch(/^scrypt\$1024\$/);
      expect(await outcome(signIn("ann@example.com", "correct horse"))).toBe("ok");
    });
  });
});
