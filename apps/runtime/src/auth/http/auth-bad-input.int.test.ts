import { beforeAll, describe, expect, it } from "vitest";
import { APP_URL, signUpWithPassword, useOidcTestBed } from "./testing/oidc-harness.js";

const PASSWORD = "a long enough password";

// Every new write path of OpenID Connect, linking and email change, given bad input: each answer
// names the problem, and nothing is mailed, no link token made, no sign-in flow started.
describe("new auth write paths given bad input", () => {
  const bed = useOidcTestBed("oidc-bad-input");
  const api = (...args: Parameters<typeof bed.current.api>) => bed.current.api(...args);
  const outbox = () => bed.current.runtime.auth.stores.outbox;
  let anon: { uid: string; idToken: string };
  let moe: { uid: string; idToken: string };

  beforeAll(async () => {
    anon = (await api("POST", "/auth/signInAnonymously", {})).body;
    moe = (await signUpWithPassword(bed.current, "moe@example.com", PASSWORD)).body;
  });

  it("names the problem precisely and writes nothing", async () => {
    const before = {
      mails: outbox().messages.length,
      tokens: bed.current.runtime.auth.stores.actionTokens.all().length,
      flows: bed.current.runtime.auth.stores.oidcFlows.all().length,
    };
    const cases: Array<[string, string, unknown, string | undefined, string]> = [
      [
        "POST",
        "/auth/linkWithEmailPassword",
        { email: "x@example.com" },
        anon.idToken,
        "invalid request: password: Invalid input: expected string, received undefined",
      ],
      [
        "POST",
        "/auth/linkWithEmailPassword",
        { email: "nope", password: PASSWORD },
        anon.idToken,
        "email must look like name@example.com",
      ],
      [
        "POST",
        "/auth/linkWithEmailPassword",
        { email: "x@example.com", password: "short" },
        anon.idToken,
        "password must be at least 8 characters",
      ],
      [
        "POST",
        "/auth/linkWithEmailPassword",
        { email: "x@example.com", password: PASSWORD },
        undefined,
        "sign in first: this needs 'Authorization: Bearer <ID token>'",
      ],
      [
        "POST",
        "/auth/linkWithEmailPassword",
        { email: "x@example.com", password: PASSWORD },
        moe.idToken,
        "this account already has an email or a password; change the email with updateEmail",
      ],
      [
        "POST",
        "/auth/linkWithEmailPassword",
        { email: "x@example.com", password: PASSWORD },
        "not.a.token",
        "the access token is not valid",
      ],
      [
        "POST",
        "/auth/confirmLinkEmail",
        { token: "x" },
        undefined,
        "the link is invalid, expired or already used",
      ],
      [
        "POST",
        "/auth/updateEmail",
        { newEmail: "bad@" },
        moe.idToken,
        "email must look like name@example.com",
      ],
      [
        "POST",
        "/auth/updateEmail",
        { email: "x@example.com" },
        moe.idToken,
        "invalid request: newEmail: Invalid input: expected string, received undefined; body: unknown field(s) email",
      ],
      [
        "POST",
        "/auth/updateEmail",
        { newEmail: "x@example.com" },
        anon.idToken,
        "an anonymous account has no email to change: link one with linkWithEmailPassword",
      ],
      [
        "POST",
        "/auth/updateEmail",
        { newEmail: "x@example.com" },
        undefined,
        "sign in first: this needs 'Authorization: Bearer <ID token>'",
      ],
      [
        "POST",
        "/auth/confirmEmailChange",
        {},
        undefined,
        "invalid request: token: Invalid input: expected string, received undefined",
      ],
      [
        "POST",
        "/auth/confirmEmailChange",
        { token: "A".repeat(43) },
        undefined,
        "the link is invalid, expired or already used",
      ],
      [
        "POST",
        "/auth/oidc/acme/start",
        { redirectUri: APP_URL, codeChallenge: "short" },
        undefined,
        "invalid request: codeChallenge: must be the base64url SHA-256 (43 characters) of a verifier the app keeps",
      ],
      [
        "POST",
        "/auth/oidc/acme/start",
        { redirectUri: "https://evil.example.test/" },
        undefined,
        "redirect_uri 'https://evil.example.test/' is not on the allow-list of provider 'acme'",
      ],
      [
        "GET",
        "/auth/oidc/acme/start",
        undefined,
        undefined,
        "invalid request: redirect_uri: is required",
      ],
      [
        "GET",
        "/auth/oidc/acme/callback?state=forged&code=x",
        undefined,
        undefined,
        "the sign-in attempt is invalid, expired or already used",
      ],
      [
        "GET",
        "/auth/oidc/acme/callback",
        undefined,
        undefined,
        "the sign-in attempt is invalid, expired or already used",
      ],
      ["POST", "/auth/oidc:exchange", {}, undefined, "invalid request: code: is required"],
      [
        "POST",
        "/auth/oidc:exchange",
        { code: "B".repeat(43) },
        undefined,
        "the sign-in code is invalid, expired or already used",
      ],
    ];
    for (const [method, path, body, bearer, message] of cases) {
      const res = await api(method, path, body, bearer);
      expect(res.status, `${path} ${res.text}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.error.message, path).toBe(message);
    }
    expect(outbox().messages.length).toBe(before.mails);
    expect(bed.current.runtime.auth.stores.actionTokens.all().length).toBe(before.tokens);
    expect(bed.current.runtime.auth.stores.oidcFlows.all().length).toBe(before.flows);
  });
});
