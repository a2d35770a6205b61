// The runtime side of the OIDC integration tests: a test runtime listening on a free port with
// one project, a real test provider whose client is registered with the runtime's callback, and
// a "browser" that walks a redirect sign-in from start to the app's fragment.
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll } from "vitest";
import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "../../../testing/index.js";
import { s256 } from "../../core/index.js";
import {
  CookieBrowser,
  startTestOidcProvider,
  type TestOidcAccount,
  type TestOidcProvider,
} from "./oidc-test-provider.js";

/** Parsed JSON answers, read freely by the tests (as `res.json()` is in Fastify's inject). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** The app URL on the provider's allow-list. */
export const APP_URL = "https://app.example.test/auth/done";
/** The runtime's client at the provider. */
export const CLIENT = { clientId: "winky-client", clientSecret: "winky-client-secret-0123456789" };
/** A second client of the same provider, whose tokens the runtime must refuse. */
export const OTHER_CLIENT = {
  clientId: "other-client",
  clientSecret: "other-client-secret-0123456789",
  redirectUris: ["https://other.example.test/cb"],
};
/** The verifier the "app" keeps for flows started with a challenge. */
export const APP_VERIFIER = "app-verifier-".padEnd(64, "v");

/** What a test sees. */
export interface OidcTestBed {
  runtime: TestRuntime;
  /** `http://127.0.0.1:<port>` */
  url: string;
  project: string;
  /** The project's service key. */
  key: string;
  idp: TestOidcProvider;
  /** The provider's users; add or change them in tests. */
  accounts: Record<string, TestOidcAccount>;
  /** The runtime's API: `api("POST", "/auth/signIn", body, token?)`, JSON in and out. */
  api(
    method: string,
    path: string,
    body?: unknown,
    bearer?: string,
  ): Promise<{ status: number; body: Json; location: string | null; text: string }>;
  /** The admin API with the service key. */
  admin(method: string, path: string, body?: unknown): ReturnType<OidcTestBed["api"]>;
}

/**
 * Registers hooks that start the runtime (project `project`, provider `acme` configured with
 * `APP_URL` allowed) and the test provider, and stop both afterwards.
 */
export function useOidcTestBed(project: string): { readonly current: OidcTestBed } {
  const database = useTestDatabase(`runtime_${project.replaceAll("-", "_")}`);
  let bed: OidcTestBed | undefined;
  beforeAll(async () => {
    const runtime = await createTestRuntime(database.url);
    await runtime.app.listen({ port: 0, host: "127.0.0.1" });
    const address = runtime.app.server.address();
    if (typeof address !== "object" || address === null) throw new Error("no address");
    const url = `http://127.0.0.1:${address.port}`;
    const key = await runtime.createProject(project);
    const accounts: Record<string, TestOidcAccount> = {};
    const idp = await startTestOidcProvider({
      clients: [
        {
          ...CLIENT,
          redirectUris: [`${url}/v1/projects/${project}/auth/oidc/acme/callback`],
        },
        OTHER_CLIENT,
      ],
      accounts,
    });
    const api: OidcTestBed["api"] = async (method, path, body, bearer) => {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers["content-type"] = "application/json";
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      const full = path.startsWith("/v1/") ? path : `/v1/projects/${project}${path}`;
      const res = await fetch(url + full, {
        method,
        headers,
        redirect: "manual",
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: res.status, body: parsed, location: res.headers.get("location"), text };
    };
    bed = {
      runtime,
      url,
      project,
      key,
      idp,
      accounts,
      api,
      admin: (method, path, body) => api(method, `/admin${path}`, body, key),
    };
    const configured = await bed.admin("PUT", "/auth/providers/acme", {
      issuer: idp.issuer,
      ...CLIENT,
      redirectUris: [APP_URL],
    });
    if (configured.status !== 201) throw new Error(`configuring acme: ${configured.text}`);
    const anonymous = await api(
      "PATCH",
      `/v1/projects/${project}/admin/config`,
      { auth: { anonymous: { enabled: true } } },
      TEST_ADMIN_KEY,
    );
    if (anonymous.status !== 200) throw new Error(`enabling anonymous: ${anonymous.text}`);
  });
  afterAll(async () => {
    await bed?.runtime.close();
    await bed?.idp.close();
  });
  return {
    get current() {
      if (!bed) throw new Error("useOidcTestBed(): read .current inside a test or hook");
      return bed;
    },
  };
}

/**
 * Forgets the per-IP sign-in, sign-up and mail counters of the project: every request of a test
 * file comes from 127.0.0.1, and a file signs up more often than one IP may in an hour.
 */
export async function resetIpLimits(bed: OidcTestBed): Promise<void> {
  for (const kind of ["signin-ip", "signup-ip", "mail-ip"]) {
    await bed.runtime.auth.stores.rateLimiter.reset(`${kind}:${bed.project}:127.0.0.1`);
  }
}

/** Where a redirect sign-in ended: the app's URL and its fragment's parameters. */
export interface RedirectOutcome {
  /** The URL the runtime sent the browser to. */
  appUrl: string;
  fragment: URLSearchParams;
  /** The runtime's callback URL the provider redirected to (to replay it). */
  callbackUrl: string;
}

/**
 * Walks a redirect sign-in as a browser would: the authorization URL (from `start`) through the
 * provider's login form as `login` (or abort), then the runtime's callback, to the app's URL.
 */
export async function walkRedirect(
  bed: OidcTestBed,
  authorizationUrl: string,
  action: { login: string } | "abort",
): Promise<RedirectOutcome> {
  const callbackUrl = await bed.idp.authorize(authorizationUrl, action);
  if (!callbackUrl.startsWith(bed.url)) throw new Error(`provider sent us to ${callbackUrl}`);
  const appUrl = await new CookieBrowser().get(callbackUrl);
  return { appUrl, fragment: new URLSearchParams(new URL(appUrl).hash.slice(1)), callbackUrl };
}

/** `GET start` as the browser navigation: the provider URL it redirects to. */
export async function startUrl(bed: OidcTestBed, redirectUri = APP_URL, challenge = true) {
  const query = new URLSearchParams({ redirect_uri: redirectUri });
  if (challenge) query.set("code_challenge", s256(APP_VERIFIER));
  const res = await bed.api("GET", `/auth/oidc/acme/start?${query.toString()}`);
  if (res.status !== 302 || !res.location) throw new Error(`start: ${res.status} ${res.text}`);
  return res.location;
}

/** A whole redirect sign-in as `login`, ending with the exchange: the session's answer. */
export async function signInWithRedirect(bed: OidcTestBed, login: string) {
  const { fragment } = await walkRedirect(bed, await startUrl(bed), { login });
  const code = fragment.get("code");
  if (!code) throw new Error(`no code: ${fragment.toString()}`);
  return bed.api("POST", "/auth/oidc:exchange", { code, codeVerifier: APP_VERIFIER });
}

/**
 * Signs `email` up with `password` and opens the mailed confirmation link: the confirmation's
 * answer, the new account's session.
 */
export async function signUpWithPassword(bed: OidcTestBed, email: string, password: string) {
  const signUp = await bed.api("POST", "/auth/signUp", { email, password });
  if (signUp.status !== 200) throw new Error(`signUp: ${signUp.status} ${signUp.text}`);
  const token = bed.runtime.auth.stores.outbox.lastToken(email);
  return bed.api("POST", "/auth/confirmSignUp", { token });
}

/** The claims of an access token (not verified: the runtime just issued it). */
export function claimsOf(idToken: string): Json {
  return JSON.parse(Buffer.from(idToken.split(".")[1]!, "base64url").toString("utf8"));
}
