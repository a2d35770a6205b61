import { beforeEach, describe, expect, it } from "vitest";
import type { AuthCore } from "./auth-core.js";
import { resolveMailSettings, type ProjectMailLookup } from "./project-mail.js";
import { createTestAuthCore, TEST_MAIL_SETTINGS, type MemoryAuthStores } from "./testing/index.js";

const P = "demo";
const IP = "10.0.0.1";
const OWN = { actionBaseUrl: "https://demo.example.test/action", appName: "Demo" };

describe("a project's own mail settings in the auth core", () => {
  let core: AuthCore;
  let stores: MemoryAuthStores;
  beforeEach(() => {
    ({ core, stores } = createTestAuthCore());
  });
  const own: ProjectMailLookup = async () => OWN;
  const failing: ProjectMailLookup = async () => {
    throw new Error("project store unreachable");
  };

  it("lays each given field over the runtime's", async () => {
    expect(await resolveMailSettings(TEST_MAIL_SETTINGS, undefined)).toEqual(TEST_MAIL_SETTINGS);
    expect(await resolveMailSettings(TEST_MAIL_SETTINGS, async () => ({}))).toEqual(
      TEST_MAIL_SETTINGS,
    );
    expect(
      await resolveMailSettings(TEST_MAIL_SETTINGS, async () => ({ appName: "Demo" })),
    ).toEqual({ actionBaseUrl: TEST_MAIL_SETTINGS.actionBaseUrl, appName: "Demo" });
  });

  it("builds every mail a flow sends with them", async () => {
    await core.emailPassword.signUp(
      { projectId: P, email: "ann@example.com", password: "correct horse", ip: IP },
      own,
    );
    const [mail] = stores.outbox.to("ann@example.com");
    expect(mail?.subject).toBe("Confirm your Demo account");
    expect(mail?.text).toContain(`${OWN.actionBaseUrl}?mode=confirmSignUp&oobCode=`);
    await core.emailPassword.confirmSignUp(P, stores.outbox.lastToken("ann@example.com"));
    await core.recovery.requestPasswordReset(P, "ann@example.com", IP, own);
    expect(stores.outbox.to("ann@example.com").at(-1)?.text).toContain(
      `${OWN.actionBaseUrl}?mode=resetPassword&`,
    );
  });

  // The token and its mail are written one after the other: a look-up that fails must fail
  // before the token exists, or a user would hold a live link nobody can ever send them.
  it("makes no token when the look-up fails", async () => {
    const signUp = core.emailPassword.signUp(
      { projectId: P, email: "bo@example.com", password: "correct horse", ip: IP },
      failing,
    );
    await expect(signUp).rejects.toThrow("project store unreachable");
    expect(stores.actionTokens.all()).toEqual([]);
    expect(stores.outbox.messages).toEqual([]);
  });

  it("applies no email change it cannot announce to the old address", async () => {
    const { uid, idToken } = await signUpAndConfirm("cy@example.com");
    const claims = await core.accessTokens.verifyAccessToken(P, idToken);
    const caller = {
      projectId: P,
      uid,
      authTime: new Date(claims.auth_time * 1000),
      ip: IP,
    };
    await core.linking.requestEmailChange(caller, "cy@new.example.com", own);
    const token = stores.outbox.lastToken("cy@new.example.com");
    await expect(core.linking.confirmEmailChange(P, token, failing)).rejects.toThrow(
      "project store unreachable",
    );
    expect((await stores.users.get(P, uid))?.email).toBe("cy@example.com");
  });

  const signUpAndConfirm = async (email: string) => {
    await core.emailPassword.signUp({ projectId: P, email, password: "correct horse", ip: IP });
    return core.emailPassword.confirmSignUp(P, stores.outbox.lastToken(email));
  };
});
