import { describe, expect, it } from "vitest";
import { isAuthError } from "../errors.js";
import { HOUR } from "../primitives.js";
import { ManualClock } from "../testing/memory-auth.js";
import { ISSUER_MISMATCH, OidcDiscovery, type FetchLike } from "./discovery.js";

const ISSUER = "https://idp.example.com";
const document = (overrides: Record<string, unknown> = {}) => ({
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/auth`,
  token_endpoint: `${ISSUER}/token`,
  jwks_uri: `${ISSUER}/jwks`,
  ...overrides,
});

/** A provider's discovery endpoint played by the test: `answer` decides each response. */
function provider(answer: () => Response | Promise<Response>) {
  const urls: string[] = [];
  const fetch: FetchLike = async (url) => {
    urls.push(url);
    return answer();
  };
  return { fetch, urls };
}
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

async function failure(discovery: OidcDiscovery, issuer = ISSUER) {
  try {
    await discovery.metadata(issuer);
  } catch (e) {
    if (isAuthError(e)) return { code: e.code, message: e.message, cause: e.cause };
    throw e;
  }
  throw new Error("no error");
}

describe("OIDC discovery", () => {
  it("reads the endpoints once an hour, and asks again after a failure", async () => {
    let down = false;
    const idp = provider(() =>
      down ? Promise.reject(new TypeError("fetch failed")) : json(document()),
    );
    const clock = new ManualClock();
    const discovery = new OidcDiscovery({ fetch: idp.fetch, clock });
    expect(await discovery.metadata(ISSUER)).toEqual({
      issuer: ISSUER,
      authorizationEndpoint: `${ISSUER}/auth`,
      tokenEndpoint: `${ISSUER}/token`,
      jwksUri: `${ISSUER}/jwks`,
      tokenEndpointAuthMethods: ["client_secret_basic"],
    });
    await discovery.metadata(ISSUER);
    expect(idp.urls).toEqual([`${ISSUER}/.well-known/openid-configuration`]);
    clock.advance(HOUR);
    down = true;
    expect((await failure(discovery)).code).toBe("provider-unavailable");
    down = false;
    await discovery.metadata(ISSUER);
    expect(idp.urls).toHaveLength(3);
  });

  it("names the issuer and the problem, never the answer's body", async () => {
    const cases: Array<[() => Response | Promise<Response>, string]> = [
      [
        () => new Response("<html>secret stuff</html>"),
        "the answer (HTTP 200) is not a JSON object",
      ],
      [() => json({}, 404), `${ISSUER}/.well-known/openid-configuration answered HTTP 404`],
      [
        () => json(document({ token_endpoint: "http://idp.example.com/token" })),
        "token_endpoint is not https",
      ],
      [() => json(document({ jwks_uri: undefined })), "jwks_uri is missing"],
      [
        () =>
          Promise.reject(
            Object.assign(new TypeError("fetch failed"), { cause: { code: "ENOTFOUND" } }),
          ),
        "unreachable (ENOTFOUND)",
      ],
      [
        () => Promise.reject(new DOMException("timed out", "TimeoutError")),
        "timed out after 5000 ms",
      ],
    ];
    for (const [answer, reason] of cases) {
      const { code, message } = await failure(new OidcDiscovery({ fetch: provider(answer).fetch }));
      expect(code).toBe("provider-unavailable");
      expect(message).toBe(`cannot use the OpenID provider ${ISSUER} (discovery): ${reason}`);
    }
  });

  it("marks a document that names another issuer, so configuration can say so", async () => {
    const idp = provider(() => json(document({ issuer: "https://other.example.com" })));
    const { message, cause } = await failure(new OidcDiscovery({ fetch: idp.fetch }));
    expect(message).toContain("the document names issuer 'https://other.example.com'");
    expect(cause).toBe(ISSUER_MISMATCH);
  });

  it("accepts http endpoints on loopback only when allowed", async () => {
    const local = "http://127.0.0.1:9999";
    const doc = document({
      issuer: local,
      authorization_endpoint: `${local}/auth`,
      token_endpoint: `${local}/token`,
      jwks_uri: `${local}/jwks`,
    });
    const strict = new OidcDiscovery({ fetch: provider(() => json(doc)).fetch });
    expect((await failure(strict, local)).message).toContain("authorization_endpoint is not https");
    const lenient = new OidcDiscovery({
      fetch: provider(() => json(doc)).fetch,
      allowLoopbackHttp: true,
    });
    expect((await lenient.metadata(local)).tokenEndpoint).toBe(`${local}/token`);
  });
});
