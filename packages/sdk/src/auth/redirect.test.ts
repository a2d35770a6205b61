import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  errorAnswer,
  fakeFetch,
  PROJECT,
  sessionAnswer,
  URL_BASE,
  type SeenRequest,
} from "../../test/fake-fetch.js";
import { createClient } from "../client.js";

const PROVIDER_URL = "https://idp.example.test/auth?state=s";
const APP = "https://app.example.test/done";

/** A client over a fake runtime: start answers the provider URL, exchange and sign-ins a session. */
function setup() {
  const fake = fakeFetch((r: SeenRequest) => {
    if (r.path.endsWith("/start")) return { json: { authorizationUrl: PROVIDER_URL } };
    if (r.path === "/auth/oidc:exchange") return sessionAnswer("gina", 2);
    if (r.path === "/auth/signInAnonymously") return sessionAnswer("anon", 1);
    if (r.path === "/auth/signInWithIdp") return sessionAnswer("gina", 3);
    if (r.path === "/auth/updateEmail") return { status: 204 };
    return errorAnswer(404, "not-found");
  });
  const client = createClient({ url: URL_BASE, project: PROJECT, fetch: fake.fetch });
  return { ...client, requests: fake.requests };
}
const s256 = (v: string) => createHash("sha256").update(v).digest("base64url");

describe("sign-in with redirect", () => {
  it("starts with a challenge, returns the provider's URL, and exchanges the code with its verifier", async () => {
    const { auth, requests } = setup();
    expect(await auth.signInWithRedirect("google", { redirectUri: APP })).toBe(PROVIDER_URL);
    const start = requests[0]!;
    expect(start).toMatchObject({
      method: "POST",
      path: "/auth/oidc/google/start",
      body: { redirectUri: APP, link: false, codeChallenge: expect.stringMatching(/^[\w-]{43}$/) },
    });
    const user = await auth.getRedirectResult(`${APP}#code=one-time`);
    expect(user?.uid).toBe("gina");
    const exchange = requests[1]!;
    expect(exchange.path).toBe("/auth/oidc:exchange");
    const { code, codeVerifier } = exchange.body as { code: string; codeVerifier: string };
    expect(code).toBe("one-time");
    expect(s256(codeVerifier)).toBe((start.body as { codeChallenge: string }).codeChallenge);
    expect(exchange.headers.authorization).toBeUndefined();
    expect(await auth.getRedirectResult(`${APP}#code=one-time`)).toBeNull();
    expect(requests).toHaveLength(2);
  });

  it("ignores an answer it did not start, and a page without one", async () => {
    const { auth, requests } = setup();
    expect(await auth.getRedirectResult(`${APP}#code=planted`)).toBeNull();
    expect(await auth.getRedirectResult(APP)).toBeNull();
    expect(requests).toHaveLength(0);
    expect(auth.currentUser).toBeNull();
  });

  it("throws the provider's refusal, once", async () => {
    const { auth } = setup();
    await auth.signInWithRedirect("google", { redirectUri: APP });
    await expect(
      auth.getRedirectResult(`${APP}#error=access_denied&error_description=End-User%20aborted`),
    ).rejects.toMatchObject({
      code: "cancelled",
      message: "End-User aborted",
      details: { reason: "access_denied" },
    });
    expect(await auth.getRedirectResult(`${APP}#error=access_denied`)).toBeNull();
  });

  it("links with the user's token, and refuses when nobody is signed in", async () => {
    const { auth, requests } = setup();
    await expect(auth.linkWithRedirect("google", { redirectUri: APP })).rejects.toMatchObject({
      code: "unauthenticated",
      message: "linkWithRedirect(): sign in first",
    });
    expect(requests).toHaveLength(0);
    await auth.signInAnonymously();
    await auth.linkWithRedirect("google", { redirectUri: APP });
    await auth.getRedirectResult(`${APP}#code=c`);
    const [start, exchange] = requests.slice(1);
    expect(start?.body).toMatchObject({ link: true });
    expect(start?.headers.authorization).toMatch(/^Bearer /);
    expect(exchange?.headers.authorization).toMatch(/^Bearer /);
  });

  it("refuses bad arguments before sending anything", async () => {
    const { auth, requests } = setup();
    await expect(auth.signInWithRedirect("Google!", { redirectUri: APP })).rejects.toMatchObject({
      code: "invalid-argument",
      message: 'signInWithRedirect(): provider must be a provider id such as "google"',
    });
    await expect(
      auth.signInWithRedirect("google", {} as { redirectUri: string }),
    ).rejects.toMatchObject({ message: "signInWithRedirect(): options.redirectUri is required" });
    await expect(auth.signInWithIdToken("google", "")).rejects.toMatchObject({
      code: "invalid-argument",
    });
    await expect(auth.updateEmail("a@example.com")).rejects.toMatchObject({
      code: "unauthenticated",
    });
    await expect(auth.linkWithEmailPassword("a@example.com", "pw")).rejects.toMatchObject({
      code: "unauthenticated",
    });
    expect(requests).toHaveLength(0);
  });

  it("signs in with a provider's ID token", async () => {
    const { auth, requests } = setup();
    expect((await auth.signInWithIdToken("google", "header.payload.sig")).uid).toBe("gina");
    expect(requests[0]).toMatchObject({
      path: "/auth/signInWithIdp",
      body: { providerId: "google", idToken: "header.payload.sig" },
    });
  });
});
