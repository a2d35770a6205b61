import { SignJWT, decodeProtectedHeader, generateKeyPair } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { MINUTE, HOUR } from "../core/primitives.js";
import {
  APP_URL,
  APP_VERIFIER,
  CLIENT,
  OTHER_CLIENT,
  claimsOf,
  signInWithRedirect,
  signUpWithPassword,
  startUrl,
  useOidcTestBed,
  walkRedirect,
  type Json,
} from "./testing/oidc-harness.js";

const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /profiles/{uid} {
      allow read, write: if request.auth != null && request.auth.uid == uid;
    }
  }
}`;

describe("OpenID Connect sign-in against a real provider", () => {
  const bed = useOidcTestBed("oidc-sign-in");
  const writeProfile = (uid: string, idToken: string) =>
    bed.current.api(
      "POST",
      "/documents:commit",
      { writes: [{ update: { name: `profiles/${uid}`, fields: { n: { integerValue: "1" } } } }] },
      idToken,
    );
  const flows = () => bed.current.runtime.auth.stores.oidcFlows.all().length;

  beforeAll(async () => {
    Object.assign(bed.current.accounts, {
      alice: { email: "alice@example.com", emailVerified: true },
      bob: { email: "bob@example.com", emailVerified: true },
      mallory: { email: "carol@example.com", emailVerified: false },
      nomail: {},
    });
    const res = await fetch(`${bed.current.url}/v1/projects/oidc-sign-in/admin/rules/firestore`, {
      method: "PUT",
      headers: { authorization: `Bearer ${bed.current.key}`, "content-type": "text/plain" },
      body: RULES,
    });
    expect(res.status).toBe(200);
  });

  describe("the redirect flow", () => {
    it("creates a user whose session works for documents, and finds the same uid next time", async () => {
      const first = await signInWithRedirect(bed.current, "alice");
      expect(first.status, first.text).toBe(200);
      expect(first.body).toMatchObject({ uid: expect.any(String), expiresIn: 3600 });
      expect(claimsOf(first.body.idToken)).toMatchObject({
        sub: first.body.uid,
        email: "alice@example.com",
        email_verified: true,
        firebase: {
          sign_in_provider: "oidc.acme",
          identities: { "oidc.acme": ["alice"], email: ["alice@example.com"] },
        },
      });
      expect((await writeProfile(first.body.uid, first.body.idToken)).status).toBe(200);
      const refreshed = await bed.current.api("POST", "/auth/token", {
        refreshToken: first.body.refreshToken,
      });
      expect(claimsOf(refreshed.body.idToken).firebase.sign_in_provider).toBe("oidc.acme");
      const second = await signInWithRedirect(bed.current, "alice");
      expect(second.body.uid).toBe(first.body.uid);
    });

    it("sends the provider's access_denied back to the app as #error", async () => {
      const { appUrl, fragment } = await walkRedirect(
        bed.current,
        await startUrl(bed.current),
        "abort",
      );
      expect(appUrl.startsWith(`${APP_URL}#`)).toBe(true);
      expect(fragment.get("error")).toBe("access_denied");
      expect(fragment.get("code")).toBeNull();
    });

    it("refuses a redirect URL that is not on the allow-list, starting nothing", async () => {
      const before = flows();
      for (const redirectUri of [
        `${APP_URL}/../evil`,
        "https://evil.example.test/",
        `${APP_URL}?x`,
      ]) {
        const query = new URLSearchParams({ redirect_uri: redirectUri });
        const res = await bed.current.api("GET", `/auth/oidc/acme/start?${query.toString()}`);
        expect(res.status).toBe(400);
        expect(res.location).toBeNull();
        expect(res.body.error).toMatchObject({
          code: "invalid-argument",
          message: `redirect_uri '${redirectUri}' is not on the allow-list of provider 'acme'`,
          details: { reason: "invalid-redirect-uri" },
        });
      }
      expect(flows()).toBe(before);
    });

    it("uses a state once: a replayed callback is refused and sends the browser nowhere", async () => {
      const { callbackUrl, fragment } = await walkRedirect(
        bed.current,
        await startUrl(bed.current),
        { login: "alice" },
      );
      expect(fragment.get("code")).toEqual(expect.any(String));
      const replay = await fetch(callbackUrl, { redirect: "manual" });
      expect(replay.status).toBe(400);
      expect(replay.headers.get("location")).toBeNull();
      expect(((await replay.json()) as Json).error).toMatchObject({
        code: "invalid-argument",
        message: "the sign-in attempt is invalid, expired or already used",
        details: { reason: "invalid-oidc-state" },
      });
    });

    it("refuses a state after 10 minutes", async () => {
      const authorizationUrl = await startUrl(bed.current);
      bed.current.runtime.auth.clock.advance(10 * MINUTE + 1);
      const callbackUrl = await bed.current.idp.authorize(authorizationUrl, { login: "alice" });
      const res = await fetch(callbackUrl, { redirect: "manual" });
      expect(((await res.json()) as Json).error.details.reason).toBe("invalid-oidc-state");
    });

    it("exchanges a code once, only with the app's verifier, and only for 2 minutes", async () => {
      const code = async () =>
        (
          await walkRedirect(bed.current, await startUrl(bed.current), { login: "alice" })
        ).fragment.get("code")!;
      const exchange = (body: object) => bed.current.api("POST", "/auth/oidc:exchange", body);
      const once = await code();
      expect((await exchange({ code: once, codeVerifier: APP_VERIFIER })).status).toBe(200);
      const replayed = await exchange({ code: once, codeVerifier: APP_VERIFIER });
      expect(replayed.body.error).toMatchObject({
        code: "invalid-argument",
        message: "the sign-in code is invalid, expired or already used",
      });
      const withoutVerifier = await exchange({ code: await code() });
      expect(withoutVerifier.body.error.message).toBe(
        "codeVerifier is required: the sign-in was started with a code_challenge",
      );
      const wrong = await exchange({ code: await code(), codeVerifier: "w".repeat(64) });
      expect(wrong.body.error.message).toBe(
        "codeVerifier does not match the code_challenge the sign-in was started with",
      );
      const late = await code();
      bed.current.runtime.auth.clock.advance(2 * MINUTE + 1);
      const expired = await exchange({ code: late, codeVerifier: APP_VERIFIER });
      expect(expired.body.error.details.reason).toBe("invalid-exchange-code");
    });

    it("refuses an unknown or disabled provider", async () => {
      const query = new URLSearchParams({ redirect_uri: APP_URL }).toString();
      const res = await bed.current.api("GET", `/auth/oidc/nobody/start?${query}`);
      expect(res.body.error).toMatchObject({
        code: "failed-precondition",
        message: "sign-in with 'nobody' is not enabled for project 'oidc-sign-in'",
      });
    });
  });

  describe("linking by email (one account per email)", () => {
    it("links to an account whose email is verified when the provider verified it too", async () => {
      const confirmed = await signUpWithPassword(
        bed.current,
        "bob@example.com",
        "bob's long password",
      );
      const viaProvider = await signInWithRedirect(bed.current, "bob");
      expect(viaProvider.body.uid).toBe(confirmed.body.uid);
      const password = await bed.current.api("POST", "/auth/signIn", {
        email: "bob@example.com",
        password: "bob's long password",
      });
      expect(password.body.uid).toBe(confirmed.body.uid);
    });

    it("does not link when the provider has not verified the email, nor reveal the account", async () => {
      const carol = await signUpWithPassword(
        bed.current,
        "carol@example.com",
        "carol's long password",
      );
      const mallory = await signInWithRedirect(bed.current, "mallory");
      expect(mallory.status, mallory.text).toBe(200);
      expect(mallory.body.uid).not.toBe(carol.body.uid);
      expect(claimsOf(mallory.body.idToken).email).toBeUndefined();
      const nomail = await signInWithRedirect(bed.current, "nomail");
      expect(claimsOf(nomail.body.idToken)).toMatchObject({
        firebase: { identities: { "oidc.acme": ["nomail"] } },
      });
    });
  });

  describe("signInWithIdp", () => {
    const signIn = (idToken: string, providerId = "acme") =>
      bed.current.api("POST", "/auth/signInWithIdp", { providerId, idToken });

    it("signs in the provider's user with an ID token for the project's client", async () => {
      const redirect = await signInWithRedirect(bed.current, "alice");
      const res = await signIn(await bed.current.idp.idToken(CLIENT.clientId, "alice"));
      expect(res.status, res.text).toBe(200);
      expect(res.body.uid).toBe(redirect.body.uid);
    });

    it("refuses a token for another client, a forged one, and one not from the provider", async () => {
      const other = await signIn(await bed.current.idp.idToken(OTHER_CLIENT.clientId, "alice"));
      expect(other.status).toBe(401);
      expect(other.body.error).toEqual({
        code: "unauthenticated",
        message: "the ID token was issued for another client (aud)",
        details: { reason: "invalid-idp-token" },
      });
      const genuine = await bed.current.idp.idToken(CLIENT.clientId, "alice");
      const [header, payload, signature] = genuine.split(".");
      const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
      const tampered = Buffer.from(JSON.stringify({ ...claims, sub: "bob" })).toString("base64url");
      const forged = await signIn(`${header}.${tampered}.${signature}`);
      expect(forged.body.error.message).toBe("the ID token is not signed by the provider's keys");
      const { privateKey } = await generateKeyPair("RS256");
      const { kid } = decodeProtectedHeader(genuine);
      const selfSigned = await new SignJWT(claims)
        .setProtectedHeader({ alg: "RS256", ...(kid ? { kid } : {}) })
        .sign(privateKey);
      const mine = await signIn(selfSigned);
      expect(mine.body.error.message).toBe("the ID token is not signed by the provider's keys");
      const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${payload}.`;
      expect((await signIn(none)).body.error.details.reason).toBe("invalid-idp-token");
    });

    it("names bad input precisely and signs nobody in", async () => {
      const users = async () =>
        (await bed.current.runtime.auth.stores.users.list("oidc-sign-in", { limit: 1000 })).length;
      const before = await users();
      const cases: Array<[unknown, string]> = [
        [{ idToken: "x" }, "invalid request: providerId: is required"],
        [{ providerId: "acme" }, "invalid request: idToken: is required"],
        [
          { providerId: "acme", idToken: "x", extra: 1 },
          "invalid request: body: unknown field(s) extra",
        ],
        [{ providerId: "acme", idToken: "not-a-jwt" }, "the ID token is not a well-formed JWT"],
        [
          { providerId: "zzz", idToken: "x.y.z" },
          "sign-in with 'zzz' is not enabled for project 'oidc-sign-in'",
        ],
      ];
      for (const [body, message] of cases) {
        const res = await bed.current.api("POST", "/auth/signInWithIdp", body);
        expect(res.body.error.message, JSON.stringify(body)).toBe(message);
      }
      expect(await users()).toBe(before);
    });

    // Last: it moves the clock past the provider's token lifetime for the rest of the file.
    it("refuses an expired ID token", async () => {
      const token = await bed.current.idp.idToken(CLIENT.clientId, "alice");
      bed.current.runtime.auth.clock.advance(2 * HOUR);
      const res = await signIn(token);
      expect(res.body.error).toMatchObject({
        code: "unauthenticated",
        message: "the ID token has expired",
      });
    });
  });
});
