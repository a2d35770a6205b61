import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { TEST_ADMIN_KEY } from "../../testing/index.js";
import { APP_URL, CLIENT, useOidcTestBed } from "./testing/oidc-harness.js";

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("OpenID Connect providers in the admin API", () => {
  const bed = useOidcTestBed("oidc-admin");
  const valid = () => ({ issuer: bed.current.idp.issuer, ...CLIENT, redirectUris: [APP_URL] });
  /** Every answer must be free of the client secret; collected through the file. */
  const seen: string[] = [];
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await bed.current.admin(method, path, body);
    seen.push(res.text);
    return res;
  };

  it("creates a provider, shows it without its secret, and replaces it keeping the secret", async () => {
    const created = await admin("PUT", "/auth/providers/corp", valid());
    expect(created.status, created.text).toBe(201);
    expect(created.body.provider).toMatchObject({
      providerId: "corp",
      issuer: bed.current.idp.issuer,
      clientId: CLIENT.clientId,
      hasClientSecret: true,
      scopes: ["openid", "email", "profile"],
      redirectUris: [APP_URL],
      callbackUrl: null,
      enabled: true,
      providerRedirectUri: `${bed.current.url}/v1/projects/oidc-admin/auth/oidc/corp/callback`,
    });
    expect(created.body.provider).not.toHaveProperty("clientSecret");
    const { clientSecret: _kept, ...withoutSecret } = valid();
    const replaced = await admin("PUT", "/auth/providers/corp", {
      ...withoutSecret,
      enabled: false,
      scopes: ["openid"],
    });
    expect(replaced.status, replaced.text).toBe(200);
    expect(replaced.body.provider).toMatchObject({ enabled: false, hasClientSecret: true });
    const stored = await bed.current.runtime.auth.stores.authProviders.get("oidc-admin", "corp");
    expect(stored?.clientSecret).toBe(CLIENT.clientSecret);
    const list = await admin("GET", "/auth/providers");
    expect(list.body.providers.map((p: { providerId: string }) => p.providerId)).toEqual([
      "acme",
      "corp",
    ]);
    expect((await admin("GET", "/auth/providers/corp")).body.provider.scopes).toEqual(["openid"]);
  });

  it("deletes a provider once", async () => {
    await admin("PUT", "/auth/providers/gone", valid());
    expect((await admin("DELETE", "/auth/providers/gone")).status).toBe(204);
    const again = await admin("DELETE", "/auth/providers/gone");
    expect(again.body.error).toMatchObject({
      code: "not-found",
      message: "project 'oidc-admin' has no provider 'gone'",
    });
    expect((await admin("GET", "/auth/providers/gone")).status).toBe(404);
  });

  describe("when a field is wrong", () => {
    const cases: Array<[string, string, (v: Record<string, unknown>) => unknown]> = [
      ["a bad provider id", "providerId: 'Bad_Id' must be 2–32 characters", (v) => v],
      ["no clientId", "clientId: is required", ({ clientId: _, ...v }) => v],
      [
        "an issuer that is plain http elsewhere than loopback",
        "issuer: must be https (http only for localhost and 127.0.0.1)",
        (v) => ({ ...v, issuer: "http://idp.example.com" }),
      ],
      ["no issuer", "issuer: is required (or use preset 'google')", ({ issuer: _, ...v }) => v],
      [
        "a google preset with another issuer",
        "issuer: the google preset's issuer is https://accounts.google.com",
        (v) => ({ ...v, preset: "google" }),
      ],
      [
        "a wildcard redirect URL",
        "redirectUris[1]: wildcards are not allowed: list each URL exactly",
        (v) => ({ ...v, redirectUris: [APP_URL, "https://*.example.test/cb"] }),
      ],
      [
        "a javascript: redirect URL",
        "redirectUris[0]: must be https, http on localhost, or an app scheme",
        (v) => ({ ...v, redirectUris: ["javascript:alert(1)"] }),
      ],
      [
        "a redirect URL with a fragment",
        "redirectUris[0]: must not have a fragment",
        (v) => ({ ...v, redirectUris: [`${APP_URL}#x`] }),
      ],
      [
        "no redirect URLs",
        "redirectUris: list at least one URL",
        (v) => ({ ...v, redirectUris: [] }),
      ],
      [
        "scopes without openid",
        "scopes: must include 'openid'",
        (v) => ({ ...v, scopes: ["email"] }),
      ],
      ["an unknown field", "body: unknown field(s) secret", (v) => ({ ...v, secret: "x" })],
      [
        "no secret for a new provider",
        "clientSecret: is required",
        ({ clientSecret: _, ...v }) => v,
      ],
    ];
    it.each(cases)("names %s and stores nothing", async (_label, message, change) => {
      const id = message.startsWith("providerId") ? "Bad_Id" : "broken";
      const res = await admin("PUT", `/auth/providers/${id}`, change(valid()));
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.code).toBe("invalid-argument");
      expect(res.body.error.message).toContain(message);
      expect(res.body.error.details).toEqual({ reason: "invalid-provider-config" });
      expect((await admin("GET", "/auth/providers/broken")).status).toBe(404);
    });

    it("names an issuer whose discovery document names another issuer", async () => {
      const res = await admin("PUT", "/auth/providers/broken", {
        ...valid(),
        issuer: `${bed.current.idp.issuer}/`,
      });
      expect(res.body.error.code).toBe("invalid-argument");
      expect(res.body.error.message).toContain(`names issuer '${bed.current.idp.issuer}'`);
      expect((await admin("GET", "/auth/providers/broken")).status).toBe(404);
    });

    it("answers unavailable, naming the issuer, when it cannot be reached", async () => {
      const issuer = `http://127.0.0.1:${await closedPort()}`;
      const res = await admin("PUT", "/auth/providers/broken", { ...valid(), issuer });
      expect(res.status).toBe(503);
      expect(res.body.error).toEqual({
        code: "unavailable",
        message: `cannot use the OpenID provider ${issuer} (discovery): unreachable (ECONNREFUSED)`,
        details: { reason: "provider-unavailable" },
      });
      expect((await admin("GET", "/auth/providers/broken")).status).toBe(404);
    });
  });

  it("lets only this project's keys and the operator configure providers", async () => {
    const other = await bed.current.runtime.createProject("oidc-other");
    const res = await bed.current.api("GET", "/admin/auth/providers", undefined, other);
    expect(res.body.error.code).toBe("permission-denied");
    expect((await bed.current.api("GET", "/admin/auth/providers")).status).toBe(401);
    const operator = await bed.current.api(
      "GET",
      "/admin/auth/providers",
      undefined,
      TEST_ADMIN_KEY,
    );
    expect(operator.status).toBe(200);
  });

  it("never shows the client secret in any answer", () => {
    expect(seen.length).toBeGreaterThan(10);
    for (const text of seen) expect(text).not.toContain(CLIENT.clientSecret);
  });
});
