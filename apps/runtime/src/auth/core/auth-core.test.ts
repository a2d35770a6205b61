import { describe, expect, it } from "vitest";
import { createAuthCore } from "./auth-core.js";
import { isAuthError } from "./errors.js";
import {
  ManualClock,
  TEST_MAIL_SETTINGS,
  createMemoryAuthStores,
  createTestAuthCore,
  createTestPasswordHasher,
} from "./testing/memory-auth.js";

const P = "demo";
const ann = {
  projectId: P,
  uid: "uid-ann",
  email: "ann@example.com",
  emailVerified: true,
  passwordHash: null,
  anonymous: false,
  disabled: false,
  customClaims: {},
  createdAt: new Date("2030-01-01T00:00:00.000Z"),
  lastSignInAt: null,
};

describe("createAuthCore", () => {
  it("hashes with the production scrypt parameters unless given another hasher", async () => {
    const clock = new ManualClock();
    const core = createAuthCore({
      stores: createMemoryAuthStores(clock),
      mail: TEST_MAIL_SETTINGS,
    });
    expect(await core.hasher.hash("correct horse")).toMatch(/^scrypt\$32768\$8\$1\$/);
  });

  it("shares one access-token lifetime between tokens and key retirement", async () => {
    const { core, clock } = createTestAuthCore({ accessTokenTtlSeconds: 300 });
    const session = await core.sessions.start(ann, "password");
    expect(session.expiresIn).toBe(300);
    const oldKid = (await core.keys.jwks(P)).keys[0]?.kid;
    await core.keys.rotate(P);
    clock.advanceSeconds(304);
    expect(await core.accessTokens.verifyAccessToken(P, session.idToken)).toMatchObject({
      sub: "uid-ann",
    });
    clock.advanceSeconds(1);
    expect((await core.keys.jwks(P)).keys.map((k) => k.kid)).not.toContain(oldKid);
  });

  it("applies configured limits and issuer", async () => {
    const { core } = createTestAuthCore({
      limits: { lockout: { failures: 2, windowMs: 60_000, durationMs: 60_000 } },
      issuer: (projectId) => `https://auth.example.com/${projectId}`,
    });
    const attempt = () =>
      core.emailPassword
        .signIn({ projectId: P, email: "x@example.com", password: "whatever1", ip: "10.0.0.1" })
        .catch((e: unknown) => (isAuthError(e) ? e.code : e));
    expect([await attempt(), await attempt(), await attempt()]).toEqual([
      "invalid-credentials",
      "invalid-credentials",
      "too-many-attempts",
    ]);
    const { idToken } = await core.sessions.start(ann, "password");
    expect((await core.accessTokens.verifyAccessToken(P, idToken)).iss).toBe(
      "https://auth.example.com/demo",
    );
  });

  it("uses one clock everywhere, so a test can move time for every service at once", async () => {
    const clock = new ManualClock("2031-06-01T12:00:00.000Z");
    const core = createAuthCore({
      stores: createMemoryAuthStores(clock),
      mail: TEST_MAIL_SETTINGS,
      clock,
      hasher: createTestPasswordHasher(),
    });
    const { idToken } = await core.sessions.start(ann, "password");
    const claims = await core.accessTokens.verifyAccessToken(P, idToken);
    expect(claims.iat).toBe(Date.parse("2031-06-01T12:00:00.000Z") / 1000);
  });
});
