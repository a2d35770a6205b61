import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { isAuthError } from "../errors.js";
import type { OidcMetadata } from "./discovery.js";
import { verifyIdToken } from "./id-token.js";

const metadata: OidcMetadata = {
  issuer: "https://idp.example.com",
  authorizationEndpoint: "https://idp.example.com/auth",
  tokenEndpoint: "https://idp.example.com/token",
  jwksUri: "https://idp.example.com/jwks",
  tokenEndpointAuthMethods: ["client_secret_basic"],
};
const NOW = new Date("2030-01-01T00:00:00Z");
const iat = NOW.getTime() / 1000;

describe("verifyIdToken", () => {
  let sign: (claims: JWTPayload, alg?: string) => Promise<string>;
  let keys: ReturnType<typeof createLocalJWKSet>;
  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair("ES256");
    keys = createLocalJWKSet({
      keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256" }],
    });
    sign = (claims) =>
      new SignJWT({
        iss: metadata.issuer,
        aud: "client-1",
        sub: "s1",
        iat,
        exp: iat + 3600,
        ...claims,
      })
        .setProtectedHeader({ alg: "ES256", kid: "k1" })
        .sign(privateKey);
  });
  const verify = (idToken: string, nonce?: string) =>
    verifyIdToken({
      idToken,
      metadata,
      keys,
      clientId: "client-1",
      now: NOW,
      clockSkewSeconds: 30,
      ...(nonce ? { nonce } : {}),
    });
  const reason = async (idToken: Promise<string>, nonce?: string) => {
    try {
      await verify(await idToken, nonce);
      return "valid";
    } catch (e) {
      if (isAuthError(e) && e.code === "invalid-idp-token") return e.message;
      throw e;
    }
  };

  it("reads the subject and a verified, normalised email", async () => {
    const token = await sign({ email: " Ann@EXAMPLE.com", email_verified: "true", nonce: "n1" });
    expect(await verify(token, "n1")).toEqual({
      subject: "s1",
      email: "Ann@example.com",
      emailVerified: true,
    });
  });

  it("treats a missing verification or an invalid address as no verified email", async () => {
    expect(await verify(await sign({ email: "ann@example.com" }))).toMatchObject({
      emailVerified: false,
    });
    expect(
      await verify(await sign({ email: "not an address", email_verified: true })),
    ).toMatchObject({
      email: null,
      emailVerified: false,
    });
  });

  it("says which check failed", async () => {
    expect(await reason(sign({ nonce: "other" }), "n1")).toBe(
      "the ID token does not carry the nonce of this sign-in",
    );
    expect(await reason(sign({}), "n1")).toBe(
      "the ID token does not carry the nonce of this sign-in",
    );
    expect(await reason(sign({ aud: "someone-else" }))).toBe(
      "the ID token was issued for another client (aud)",
    );
    expect(await reason(sign({ aud: ["client-1", "x"] }))).toBe(
      "the ID token has several audiences and its azp is not this provider's client id",
    );
    expect(await reason(sign({ aud: ["client-1", "x"], azp: "client-1" }))).toBe("valid");
    expect(await reason(sign({ iss: "https://evil.example.com" }))).toBe(
      "the ID token was not issued by https://idp.example.com",
    );
    expect(await reason(sign({ exp: iat - 31 }))).toBe("the ID token has expired");
    expect(await reason(sign({ exp: iat - 10 }))).toBe("valid");
    expect(await reason(sign({ sub: "" }))).toBe("the ID token has no usable sub");
    expect(await reason(Promise.resolve("x".repeat(20_000)))).toBe("the ID token is not a JWT");
  });

  it("accepts Google's issuer with or without its scheme, and only for Google", async () => {
    const google = { ...metadata, issuer: "https://accounts.google.com" };
    const token = await sign({ iss: "accounts.google.com" });
    const check = (m: OidcMetadata) =>
      verifyIdToken({
        idToken: token,
        metadata: m,
        keys,
        clientId: "client-1",
        now: NOW,
        clockSkewSeconds: 30,
      });
    expect((await check(google)).subject).toBe("s1");
    await expect(check(metadata)).rejects.toMatchObject({ code: "invalid-idp-token" });
  });

  it("refuses HS256 and none, whatever the key", async () => {
    const hs = await new SignJWT({
      iss: metadata.issuer,
      aud: "client-1",
      sub: "s",
      iat,
      exp: iat + 60,
    })
      .setProtectedHeader({ alg: "HS256", kid: "k1" })
      .sign(new TextEncoder().encode("client-secret-as-hmac-key-0123456789"));
    expect(await reason(Promise.resolve(hs))).toBe(
      "the ID token uses a signing algorithm that is not allowed",
    );
  });
});
