// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the provider has no types
/// <reference path="./oidc-provider.d.ts" />
// A real OpenID Connect provider (the `oidc-provider` package) on a free loopback port, for
// integration tests, and a fetch-and-cookies "browser" that signs in through its login form.
// Test-only: imported by *.int.test.ts files, never by runtime code. The package has no types:
// `oidc-provider.d.ts` beside this file declares what is used.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { type ProviderContext } from "oidc-provider";

/** A user of the test provider, by login name. */
export interface TestOidcAccount {
  email?: string;
  emailVerified?: boolean;
}

/** A client registered at the test provider. */
export interface TestOidcClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

/** A running test provider. */
export interface TestOidcProvider {
  /** `http://127.0.0.1:<port>`, the `iss` of its tokens. */
  issuer: string;
  /**
   * Follows an authorization URL as a browser would, signing in as `login` through the login
   * form (consent is pre-granted), or pressing "abort"; resolves the URL the provider finally
   * sends the browser to (the client's redirect URI with `code` or `error`).
   */
  authorize(authorizationUrl: string, action: { login: string } | "abort"): Promise<string>;
  /** A real ID token for `clientId` and `login`, from a code flow run by the test itself. */
  idToken(clientId: string, login: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts a provider with these clients. `accounts` is read at each sign-in, so a test may add
 * or change accounts later. The provider's ID tokens carry `email` and `email_verified`.
 */
export async function startTestOidcProvider(options: {
  clients: TestOidcClient[];
  accounts: Record<string, TestOidcAccount>;
}): Promise<TestOidcProvider> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = {
    ...(await exportJWK(privateKey)),
    kid: "test-key",
    alg: "RS256",
    use: "sig",
  };
  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      response_types: ["code"],
      grant_types: ["authorization_code"],
    })),
    jwks: { keys: [signingKey] },
    cookies: { keys: ["test-cookie-key-0123456789abcdef"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Like Google: the ID token of a code flow carries the scopes' claims.
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, id: string) => {
      const account = options.accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          ...(account.email ? { email: account.email } : {}),
          email_verified: account.emailVerified === true,
        }),
      };
    },
    // Consent is granted up front: the tests drive the login form only.
    loadExistingGrant: async (ctx: ProviderContext) => {
      const grant = new provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    features: { devInteractions: { enabled: true } },
    // Set explicitly, which also keeps the provider's "default ttl" notices out of the output.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 3600, IdToken: 3600 },
  });
  server.on("request", provider.callback());

  async function authorize(
    authorizationUrl: string,
    action: { login: string } | "abort",
  ): Promise<string> {
    const browser = new CookieBrowser();
    let location = authorizationUrl;
    for (let step = 0; step < 10; step++) {
      if (!location.startsWith(issuer)) return location;
      const interaction = /\/interaction\/([^/?]+)$/.exec(new URL(location).pathname);
      if (interaction) {
        await browser.get(location); // the login page
        location =
          action === "abort"
            ? await browser.get(`${location}/abort`)
            : await browser.post(location, { prompt: "login", login: action.login });
      } else {
        location = await browser.get(location);
      }
    }
    throw new Error(`the provider kept redirecting (last: ${location})`);
  }

  return {
    issuer,
    authorize,
    async idToken(clientId, login) {
      const client = options.clients.find((c) => c.clientId === clientId);
      if (!client) throw new Error(`no test client ${clientId}`);
      const redirectUri = client.redirectUris[0]!;
      const url = new URL(`${issuer}/auth`);
      url.search = new URLSearchParams({
        response_type: "code",
        client_id: clientId,
        redirect_uri: redirectUri,
        scope: "openid email",
        state: "test-state",
      }).toString();
      const back = new URL(await authorize(url.toString(), { login }));
      const code = back.searchParams.get("code");
      if (!code) throw new Error(`no code in ${back.toString()}`);
      const res = await fetch(`${issuer}/token`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from(`${clientId}:${client.clientSecret}`).toString("base64")}`,
        },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code,
          redirect_uri: redirectUri,
        }).toString(),
      });
      const body = (await res.json()) as { id_token?: string };
      if (!body.id_token) throw new Error(`no id_token: ${JSON.stringify(body)}`);
      return body.id_token;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Just enough of a browser: cookies by name for one site, redirects not followed. */
export class CookieBrowser {
  private readonly cookies = new Map<string, string>();

  /** GETs `url` and resolves the redirect's absolute Location. */
  async get(url: string): Promise<string> {
    return this.send(url, { method: "GET" });
  }

  /** POSTs a form and resolves the redirect's absolute Location. */
  async post(url: string, form: Record<string, string>): Promise<string> {
    return this.send(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
  }

  private async send(url: string, init: RequestInit): Promise<string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const header of res.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
    const location = res.headers.get("location");
    if (location === null) return url;
    return new URL(location, url).toString();
  }
}
