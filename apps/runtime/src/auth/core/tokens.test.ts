import { createHmac } from "node:crypto";
import { SignJWT, decodeJwt, decodeProtectedHeader } from "jose";
import { beforeEach, describe, expect, it } from "vitest";
import { isAuthError, type AuthErrorCode } from "./errors.js";
import { SigningKeys } from "./signing-keys.js";
import { ManualClock } from "./testing/memory-auth.js";
import { MemorySigningKeyStore } from "./testing/memory-stores.js";
import { AccessTokens, type AccessTokenUser } from "./tokens.js";

const PROJECT = "demo";
const ann: AccessTokenUser = {
  uid: "uid-ann",
  email: "Ann@example.com",
  emailVerified: true,
  signInProvider: "password",
  anonymous: false,
  customClaims: { role: "admin" },
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("access tokens", () => {
  let clock: ManualClock;
  let keys: SigningKeys;
  let tokens: AccessTokens;
  beforeEach(() => {
    clock = new ManualClock("2030-01-01T00:00:00.000Z");
    keys = new SigningKeys({ store: new MemorySigningKeyStore(), clock });
    tokens = new AccessTokens({ keys, clock });
  });

  const issue = async (user: AccessTokenUser = ann, projectId = PROJECT) =>
    (await tokens.issueAccessToken({ projectId, user })).token;

  const failure = async (token: string, projectId = PROJECT): Promise<AuthErrorCode | "valid"> => {
    try {
      await tokens.verifyAccessToken(projectId, token);
      return "valid";
    } catch (e) {
      if (isAuthError(e)) return e.code;
      throw e;
    }
  };

  describe("issuing", () => {
    it("signs ES256 with the project key's kid and Firebase-shaped claims", async () => {
      const authTime = new Date("2029-12-31T23:00:00.000Z");
      const issued = await tokens.issueAccessToken({ projectId: PROJECT, user: ann, authTime });
      const { kid } = await keys.signingKey(PROJECT);
      expect(decodeProtectedHeader(issued.token)).toEqual({ alg: "ES256", kid, typ: "JWT" });
      const iat = Date.parse("2030-01-01T00:00:00.000Z") / 1000;
      expect(decodeJwt(issued.token)).toEqual({
        iss: "winky:demo",
        aud: "demo",
        sub: "uid-ann",
        iat,
        exp: iat + 3600,
        auth_time: iat - 3600,
        user_id: "uid-ann",
        email: "Ann@example.com",
        email_verified: true,
        firebase: { sign_in_provider: "password", identities: { email: ["Ann@example.com"] } },
        role: "admin",
      });
      expect(issued).toMatchObject({ expiresIn: 3600, expiresAt: new Date((iat + 3600) * 1000) });
    });

    it("marks anonymous users like Firebase, with no email and no identities", async () => {
      const anon = { uid: "anon-1", emailVerified: false, signInProvider: "x", anonymous: true };
      const claims = decodeJwt(await issue(anon));
      expect(claims).toMatchObject({
        provider_id: "anonymous",
        firebase: { sign_in_provider: "anonymous", identities: {} },
      });
      expect(claims).not.toHaveProperty("email");
      expect(claims).not.toHaveProperty("email_verified");
    });

    it("uses a configured issuer", async () => {
      tokens = new AccessTokens({ keys, clock, issuer: (p) => `https://auth.example.com/${p}` });
      expect(decodeJwt(await issue()).iss).toBe("https://auth.example.com/demo");
      expect(await failure(await issue())).toBe("valid");
    });

    it("rejects reserved names in custom claims, naming them", async () => {
      const user = { ...ann, customClaims: { sub: "someone-else", role: "admin" } };
      await expect(issue(user)).rejects.toMatchObject({
        code: "invalid-claims",
        message: "custom claims may not use the reserved claim name(s) 'sub'",
      });
    });

    it("rejects custom claims over 1000 bytes", async () => {
      const user = { ...ann, customClaims: { blob: "x".repeat(1000) } };
      await expect(issue(user)).rejects.toMatchObject({ code: "invalid-claims" });
    });
  });

  describe("verifying", () => {
    it("returns the claims of a valid token", async () => {
      const claims = await tokens.verifyAccessToken(PROJECT, await issue());
      expect(claims).toMatchObject({ sub: "uid-ann", aud: "demo", role: "admin" });
    });

    it("remembers verified tokens per project, and never past their expiry", async () => {
      const token = await issue();
      expect(await failure(token)).toBe("valid");
      expect(await failure(token, "other")).toBe("wrong-project");
      clock.advanceSeconds(3605);
      expect(await failure(token)).toBe("token-expired");
    });

    it("accepts a token up to 5 s past its expiry, then reports it expired", async () => {
      const token = await issue();
      clock.advanceSeconds(3604);
      expect(await failure(token)).toBe("valid");
      clock.advanceSeconds(1);
      expect(await failure(token)).toBe("token-expired");
    });

    it("reports a token of another project as wrong-project", async () => {
      expect(await failure(await issue(ann, "other"))).toBe("wrong-project");
    });

    it("rejects a token that claims this project but is signed by another project's key", async () => {
      const foreign = await keys.signingKey("other");
      const iat = Math.floor(clock.now().getTime() / 1000);
      const forged = await new SignJWT({ user_id: "x", auth_time: iat, firebase: {} })
        .setProtectedHeader({ alg: "ES256", kid: foreign.kid })
        .setIssuer("winky:demo")
        .setAudience("demo")
        .setSubject("x")
        .setIssuedAt(iat)
        .setExpirationTime(iat + 3600)
        .sign(foreign.key);
      expect(await failure(forged)).toBe("invalid-token");
    });

    it("rejects alg:none", async () => {
      const payload = decodeJwt(await issue());
      const { kid } = await keys.signingKey(PROJECT);
      const none = `${b64({ alg: "none", typ: "JWT", kid })}.${b64({ ...payload, role: "owner" })}.`;
      expect(await failure(none)).toBe("invalid-token");
    });

    it("rejects HS256 signed with the project's public key as the secret", async () => {
      const payload = decodeJwt(await issue());
      const { kid } = await keys.signingKey(PROJECT);
      const publicJwk = (await keys.jwks(PROJECT)).keys[0];
      const input = `${b64({ alg: "HS256", typ: "JWT", kid })}.${b64(payload)}`;
      const mac = createHmac("sha256", JSON.stringify(publicJwk)).update(input).digest("base64url");
      expect(await failure(`${input}.${mac}`)).toBe("invalid-token");
    });

    it("rejects a tampered payload", async () => {
      const [header, , signature] = (await issue()).split(".");
      const payload = { ...decodeJwt(await issue()), role: "owner" };
      expect(await failure(`${header}.${b64(payload)}.${signature}`)).toBe("invalid-token");
    });

    it("rejects a token from another issuer", async () => {
      const elsewhere = new AccessTokens({ keys, clock, issuer: () => "https://evil.example" });
      const token = (await elsewhere.issueAccessToken({ projectId: PROJECT, user: ann })).token;
      expect(await failure(token)).toBe("invalid-token");
    });

    it("rejects a token issued in the future beyond the skew", async () => {
      const { kid, key } = await keys.signingKey(PROJECT);
      const iat = Math.floor(clock.now().getTime() / 1000) + 60;
      const early = await new SignJWT({ user_id: "x", auth_time: iat, firebase: {} })
        .setProtectedHeader({ alg: "ES256", kid })
        .setIssuer("winky:demo")
        .setAudience("demo")
        .setSubject("x")
        .setIssuedAt(iat)
        .setExpirationTime(iat + 3600)
        .sign(key);
      expect(await failure(early)).toBe("invalid-token");
    });

    it.each(["", "garbage", "a.b.c", "x".repeat(9000)])("rejects %j", async (junk) => {
      expect(await failure(junk)).toBe("invalid-token");
    });
  });

  describe("across a key rotation", () => {
    it("keeps tokens signed by the old key valid until they expire, while new tokens use the new key", async () => {
      const before = await issue();
      const oldKid = decodeProtectedHeader(before).kid;
      clock.advanceSeconds(1800);
      const newKid = await keys.rotate(PROJECT);
      const after = await issue();
      expect(decodeProtectedHeader(after).kid).toBe(newKid);
      expect(newKid).not.toBe(oldKid);
      expect(await failure(before)).toBe("valid");
      clock.advanceSeconds(1804);
      expect(await failure(before)).toBe("valid");
      clock.advanceSeconds(1);
      expect(await failure(before)).toBe("token-expired");
      clock.advanceSeconds(3600);
      // The old key has left the JWKS; the new token is still good until its own expiry.
      expect((await keys.jwks(PROJECT)).keys.map((k) => k.kid)).toEqual([newKid]);
      expect(await failure(before)).toBe("invalid-token");
      expect(await failure(after)).toBe("token-expired");
    });
  });
});
