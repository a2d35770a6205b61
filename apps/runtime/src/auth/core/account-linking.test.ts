import { beforeEach, describe, expect, it } from "vitest";
import type { AuthCore } from "./auth-core.js";
import { isAuthError } from "./errors.js";
import { MINUTE } from "./primitives.js";
import {
  createTestAuthCore,
  type ManualClock,
  type MemoryAuthStores,
} from "./testing/memory-auth.js";

const P = "demo";
const IP = "10.0.0.1";
const PASSWORD = "a long enough password";

describe("account linking and email changes", () => {
  let core: AuthCore;
  let stores: MemoryAuthStores;
  let clock: ManualClock;
  beforeEach(() => {
    ({ core, stores, clock } = createTestAuthCore());
  });
  const caller = (uid: string) => ({ projectId: P, uid, authTime: clock.now(), ip: IP });
  const code = async (run: Promise<unknown>) => {
    try {
      await run;
      return "ok";
    } catch (e) {
      if (isAuthError(e)) return e.code;
      throw e;
    }
  };
  const signUp = async (email: string) => {
    await core.emailPassword.signUp({ projectId: P, email, password: PASSWORD, ip: IP });
    return core.emailPassword.confirmSignUp(P, stores.outbox.lastToken(email));
  };

  describe("linking an email and password", () => {
    it("fails the link when the address got an account meanwhile", async () => {
      const anon = await core.sessions.signInAnonymously(P, IP);
      await core.linking.linkEmailPassword(caller(anon.uid), {
        email: "ann@example.com",
        password: PASSWORD,
      });
      const token = stores.outbox.lastToken("ann@example.com");
      await signUp("ann@example.com");
      expect(await code(core.linking.confirmLinkEmail(P, token))).toBe("invalid-action-token");
      expect((await stores.users.get(P, anon.uid))?.anonymous).toBe(true);
    });

    it("refuses an account that has an email, before counting or mailing", async () => {
      const ann = await signUp("ann@example.com");
      const mails = stores.outbox.messages.length;
      expect(
        await code(
          core.linking.linkEmailPassword(caller(ann.uid), {
            email: "b@example.com",
            password: PASSWORD,
          }),
        ),
      ).toBe("provider-already-linked");
      expect(stores.outbox.messages).toHaveLength(mails);
    });
  });

  describe("changing the email", () => {
    it("does nothing for the current address, and needs a sign-in of the last 5 minutes", async () => {
      const ann = await signUp("ann@example.com");
      const mails = stores.outbox.messages.length;
      await core.linking.requestEmailChange(caller(ann.uid), "ANN@example.com");
      expect(stores.outbox.messages).toHaveLength(mails);
      const old = {
        ...caller(ann.uid),
        authTime: new Date(clock.now().getTime() - 5 * MINUTE - 1),
      };
      expect(await code(core.linking.requestEmailChange(old, "new@example.com"))).toBe(
        "requires-recent-login",
      );
    });

    it("fails the link when the new address got an account meanwhile, changing nothing", async () => {
      const ann = await signUp("ann@example.com");
      await core.linking.requestEmailChange(caller(ann.uid), "new@example.com");
      const token = stores.outbox.lastToken("new@example.com");
      await signUp("new@example.com");
      expect(await code(core.linking.confirmEmailChange(P, token))).toBe("invalid-action-token");
      expect((await stores.users.get(P, ann.uid))?.email).toBe("ann@example.com");
    });

    it("refuses a link of another purpose", async () => {
      const ann = await signUp("ann@example.com");
      await core.recovery.requestPasswordReset(P, "ann@example.com", IP);
      const reset = stores.outbox.lastToken("ann@example.com");
      expect(await code(core.linking.confirmEmailChange(P, reset))).toBe("invalid-action-token");
      expect(await code(core.linking.confirmLinkEmail(P, reset))).toBe("invalid-action-token");
      expect((await stores.users.get(P, ann.uid))?.email).toBe("ann@example.com");
    });
  });
});
