import { beforeEach, describe, expect, it } from "vitest";
import type { AuthCore } from "./auth-core.js";
import { isAuthError } from "./errors.js";
import { HOUR } from "./primitives.js";
import type { ManualClock } from "./testing/memory-auth.js";
import { createTestAuthCore, type MemoryAuthStores } from "./testing/memory-auth.js";

const P = "demo";
const IP = "10.0.0.1";

describe("account recovery", () => {
  let core: AuthCore;
  let stores: MemoryAuthStores;
  let clock: ManualClock;
  let uid: string;
  beforeEach(async () => {
    ({ core, stores, clock } = createTestAuthCore());
    await core.emailPassword.signUp({
      projectId: P,
      email: "ann@example.com",
      password: "old password",
      ip: IP,
    });
    ({ uid } = await core.emailPassword.confirmSignUp(
      P,
      stores.outbox.lastToken("ann@example.com"),
    ));
  });

  const code = async (promise: Promise<unknown>) => {
    try {
      await promise;
      return "ok";
    } catch (e) {
      if (isAuthError(e)) return e.code;
      throw e;
    }
  };
  const signIn = (password: string) =>
    core.emailPassword.signIn({ projectId: P, email: "ann@example.com", password, ip: IP });

  describe("password reset", () => {
    it("answers the same for known and unknown addresses, mailing only the known one", async () => {
      const before = stores.outbox.messages.length;
      await expect(
        core.recovery.requestPasswordReset(P, "nobody@example.com", IP),
      ).resolves.toBeUndefined();
      expect(stores.outbox.messages).toHaveLength(before);
      await expect(
        core.recovery.requestPasswordReset(P, "ANN@example.com", IP),
      ).resolves.toBeUndefined();
      expect(stores.outbox.messages.at(-1)).toMatchObject({
        kind: "password-reset",
        to: "ann@example.com",
      });
    });

    it("sets the new password, signs out every session and verifies the email", async () => {
      const session = await signIn("old password");
      await stores.users.update(P, uid, { emailVerified: false });
      await core.recovery.requestPasswordReset(P, "ann@example.com", IP);
      await core.recovery.resetPassword(
        P,
        stores.outbox.lastToken("ann@example.com"),
        "new password",
      );
      expect(await code(signIn("old password"))).toBe("invalid-credentials");
      expect(await code(signIn("new password"))).toBe("ok");
      expect(await code(core.sessions.refresh(P, session.refreshToken))).toBe(
        "invalid-refresh-token",
      );
      expect((await stores.users.get(P, uid))?.emailVerified).toBe(true);
    });

    it("lifts a sign-in lockout", async () => {
      for (let i = 0; i < 5; i++) await code(signIn("guess"));
      expect(await code(signIn("old password"))).toBe("too-many-attempts");
      await core.recovery.requestPasswordReset(P, "ann@example.com", IP);
      await core.recovery.resetPassword(
        P,
        stores.outbox.lastToken("ann@example.com"),
        "new password",
      );
      expect(await code(signIn("new password"))).toBe("ok");
    });

    it("keeps the link usable when the new password is too weak", async () => {
      await core.recovery.requestPasswordReset(P, "ann@example.com", IP);
      const token = stores.outbox.lastToken("ann@example.com");
      expect(await code(core.recovery.resetPassword(P, token, "short"))).toBe("weak-password");
      expect(await code(core.recovery.resetPassword(P, token, "long enough"))).toBe("ok");
      expect(await code(core.recovery.resetPassword(P, token, "long enough"))).toBe(
        "invalid-action-token",
      );
    });

    it("expires the link after an hour", async () => {
      await core.recovery.requestPasswordReset(P, "ann@example.com", IP);
      clock.advance(HOUR);
      const token = stores.outbox.lastToken("ann@example.com");
      expect(await code(core.recovery.resetPassword(P, token, "new password"))).toBe(
        "invalid-action-token",
      );
    });

    it("refuses a link sent before the account's email changed", async () => {
      await core.recovery.requestPasswordReset(P, "ann@example.com", IP);
      await stores.users.update(P, uid, { email: "ann@new.example.com" });
      const token = stores.outbox.lastToken("ann@example.com");
      expect(await code(core.recovery.resetPassword(P, token, "new password"))).toBe(
        "invalid-action-token",
      );
    });

    it("is limited per address whether or not it has an account", async () => {
      // The sign-up confirmation already counted one mail to ann@example.com.
      for (const [email, allowed] of [
        ["ann@example.com", 4],
        ["nobody@example.com", 5],
      ] as const) {
        for (let i = 0; i < allowed; i++) {
          await core.recovery.requestPasswordReset(P, email, `10.1.0.${i}`);
        }
        expect(await code(core.recovery.requestPasswordReset(P, email, "10.2.0.1"))).toBe(
          "too-many-attempts",
        );
      }
    });

    it("never mails a disabled account", async () => {
      await core.admin.setDisabled(P, uid, true);
      const before = stores.outbox.messages.length;
      await core.recovery.requestPasswordReset(P, "ann@example.com", IP);
      expect(stores.outbox.messages).toHaveLength(before);
    });
  });

  describe("email verification", () => {
    beforeEach(async () => {
      await stores.users.update(P, uid, { emailVerified: false });
    });

    it("mails a link that verifies the address once", async () => {
      await core.recovery.sendEmailVerification(P, uid, IP);
      const token = stores.outbox.lastToken("ann@example.com");
      expect(stores.outbox.messages.at(-1)?.kind).toBe("verify-email");
      await core.recovery.verifyEmail(P, token);
      expect((await stores.users.get(P, uid))?.emailVerified).toBe(true);
      expect(await code(core.recovery.verifyEmail(P, token))).toBe("invalid-action-token");
    });

    it("sends nothing when the address is already verified", async () => {
      await stores.users.update(P, uid, { emailVerified: true });
      const before = stores.outbox.messages.length;
      await core.recovery.sendEmailVerification(P, uid, IP);
      expect(stores.outbox.messages).toHaveLength(before);
    });

    it("does not accept a password-reset link as a verification link", async () => {
      await core.recovery.requestPasswordReset(P, "ann@example.com", IP);
      const token = stores.outbox.lastToken("ann@example.com");
      expect(await code(core.recovery.verifyEmail(P, token))).toBe("invalid-action-token");
    });

    it("expires after 24 hours", async () => {
      await core.recovery.sendEmailVerification(P, uid, IP);
      clock.advance(24 * HOUR);
      const token = stores.outbox.lastToken("ann@example.com");
      expect(await code(core.recovery.verifyEmail(P, token))).toBe("invalid-action-token");
    });
  });
});
