import { decodeJwt } from "jose";
import { beforeEach, describe, expect, it } from "vitest";
import type { AuthCore } from "./auth-core.js";
import { isAuthError } from "./errors.js";
import type { ManualClock } from "./testing/memory-auth.js";
import { createTestAuthCore, type MemoryAuthStores } from "./testing/memory-auth.js";
import type { AuthUser } from "./users.js";

const P = "demo";

describe("sessions", () => {
  let core: AuthCore;
  let stores: MemoryAuthStores;
  let clock: ManualClock;
  let ann: AuthUser;
  beforeEach(async () => {
    ({ core, stores, clock } = createTestAuthCore());
    ann = {
      projectId: P,
      uid: "uid-ann",
      email: "ann@example.com",
      emailVerified: true,
      passwordHash: null,
      anonymous: false,
      disabled: false,
      customClaims: {},
      createdAt: clock.now(),
      lastSignInAt: null,
    };
    await stores.users.create(ann);
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

  it("refresh with a new refresh token, the user's current claims and the original auth_time", async () => {
    const first = await core.sessions.start(ann, "google.com");
    const signedInAt = decodeJwt(first.idToken).auth_time;
    clock.advanceSeconds(4000);
    await core.admin.setCustomClaims(P, ann.uid, { role: "editor" });
    const next = await core.sessions.refresh(P, first.refreshToken);
    expect(next.refreshToken).not.toBe(first.refreshToken);
    const claims = await core.accessTokens.verifyAccessToken(P, next.idToken);
    expect(claims).toMatchObject({
      role: "editor",
      auth_time: signedInAt,
      firebase: { sign_in_provider: "google.com" },
    });
    expect(claims.iat).toBe(Math.floor(clock.now().getTime() / 1000));
  });

  it("revoke the family when a refresh token is replayed", async () => {
    const first = await core.sessions.start(ann, "password");
    const second = await core.sessions.refresh(P, first.refreshToken);
    expect(await code(core.sessions.refresh(P, first.refreshToken))).toBe("refresh-token-reused");
    expect(await code(core.sessions.refresh(P, second.refreshToken))).toBe("invalid-refresh-token");
  });

  it("stop refreshing once the user is disabled or deleted", async () => {
    const session = await core.sessions.start(ann, "password");
    await stores.users.update(P, ann.uid, { disabled: true }); // behind the admin API's back
    expect(await code(core.sessions.refresh(P, session.refreshToken))).toBe("user-disabled");
    await stores.users.update(P, ann.uid, { disabled: false });
    expect(await code(core.sessions.refresh(P, session.refreshToken))).toBe(
      "invalid-refresh-token",
    );

    const again = await core.sessions.start(ann, "password");
    await stores.users.delete(P, ann.uid);
    expect(await code(core.sessions.refresh(P, again.refreshToken))).toBe("invalid-refresh-token");
  });

  it("refuse to start for a disabled user", async () => {
    expect(await code(core.sessions.start({ ...ann, disabled: true }, "password"))).toBe(
      "user-disabled",
    );
  });

  it("sign one device out, or all of them", async () => {
    const phone = await core.sessions.start(ann, "password");
    const laptop = await core.sessions.start(ann, "password");
    const tablet = await core.sessions.start(ann, "password");
    await core.sessions.signOut(P, phone.refreshToken);
    expect(await code(core.sessions.refresh(P, phone.refreshToken))).toBe("invalid-refresh-token");
    expect(await code(core.sessions.refresh(P, laptop.refreshToken))).toBe("ok");
    await core.sessions.signOutEverywhere(P, ann.uid);
    expect(await code(core.sessions.refresh(P, tablet.refreshToken))).toBe("invalid-refresh-token");
  });

  it("sign in anonymously as a new anonymous user, limited per IP like sign-up", async () => {
    const session = await core.sessions.signInAnonymously(P, "10.0.0.1");
    expect(await stores.users.get(P, session.uid)).toMatchObject({ anonymous: true, email: null });
    const claims = await core.accessTokens.verifyAccessToken(P, session.idToken);
    expect(claims.firebase).toEqual({ sign_in_provider: "anonymous", identities: {} });
    for (let i = 0; i < 9; i++) await core.sessions.signInAnonymously(P, "10.0.0.1");
    expect(await code(core.sessions.signInAnonymously(P, "10.0.0.1"))).toBe("too-many-attempts");
  });
});
