import { describe, expect, it } from "vitest";
import { isAuthError } from "../errors.js";
import {
  GOOGLE_ISSUER,
  parseProviderSettings,
  signInProviderOf,
  toProviderView,
  type OidcProviderRecord,
} from "./provider-config.js";

const base = {
  issuer: "https://idp.example.com",
  clientId: "client-1",
  clientSecret: "top-secret",
  redirectUris: ["https://app.example.com/auth"],
};
const problem = (run: () => unknown): string => {
  try {
    run();
  } catch (e) {
    if (isAuthError(e) && e.code === "invalid-provider-config") return e.message;
    throw e;
  }
  throw new Error("no error");
};

describe("provider settings", () => {
  it("fills in Google's issuer and the default scopes for the google preset", () => {
    const { issuer, scopes, enabled } = parseProviderSettings(
      "google",
      { ...base, issuer: undefined },
      null,
    );
    expect({ issuer, scopes, enabled }).toEqual({
      issuer: GOOGLE_ISSUER,
      scopes: ["openid", "email", "profile"],
      enabled: true,
    });
    const other = parseProviderSettings(
      "gsuite",
      { ...base, issuer: undefined, preset: "google" },
      null,
    );
    expect(other.issuer).toBe(GOOGLE_ISSUER);
  });

  it("accepts http issuers on loopback only when allowed, and never elsewhere", () => {
    const local = { ...base, issuer: "http://127.0.0.1:8080" };
    expect(problem(() => parseProviderSettings("dev", local, null))).toBe("issuer: must be https");
    const options = { allowLoopbackHttpIssuer: true };
    expect(parseProviderSettings("dev", local, null, options).issuer).toBe(local.issuer);
    const remote = { ...base, issuer: "http://idp.example.com" };
    expect(problem(() => parseProviderSettings("dev", remote, null, options))).toMatch(
      /^issuer: must be https/,
    );
  });

  it("accepts loopback http and app schemes as redirect URLs, and lists every bad one", () => {
    const ok = [
      "http://localhost:3000/cb",
      "com.example.app:/oauth",
      "https://app.example.com/a?b=1",
    ];
    expect(parseProviderSettings("p1", { ...base, redirectUris: ok }, null).redirectUris).toEqual(
      ok,
    );
    const bad = ["http://app.example.com/cb", "data:text/html,x", "https://u:p@app.example.com/"];
    expect(problem(() => parseProviderSettings("p1", { ...base, redirectUris: bad }, null))).toBe(
      "redirectUris[0]: must be https (http only for localhost and 127.0.0.1); " +
        "redirectUris[1]: must be https, http on localhost, or an app scheme such as com.example.app:/auth; " +
        "redirectUris[2]: must not carry credentials",
    );
  });

  it("keeps the stored secret when an update leaves it out, and never shows it", () => {
    const existing: OidcProviderRecord = {
      ...parseProviderSettings("p1", base, null),
      projectId: "p",
      providerId: "p1",
      createdAt: new Date(0),
      updatedAt: new Date(0),
    };
    const { clientSecret: _omitted, ...update } = base;
    expect(parseProviderSettings("p1", update, existing).clientSecret).toBe("top-secret");
    const view = toProviderView(existing);
    expect(view.hasClientSecret).toBe(true);
    expect(JSON.stringify(view)).not.toContain("top-secret");
  });

  it("names a secret that is too long without echoing it", () => {
    const message = problem(() =>
      parseProviderSettings("p1", { ...base, clientSecret: "s".repeat(2000) }, null),
    );
    expect(message).toMatch(/^clientSecret: /);
    expect(message).not.toContain("sss");
  });

  it("validates the callback URL and repeated scopes", () => {
    const scopes = { ...base, scopes: ["openid", "openid"] };
    expect(problem(() => parseProviderSettings("p1", scopes, null))).toBe(
      "scopes: must not repeat a scope",
    );
    const callback = { ...base, callbackUrl: "ftp://x.example.com" };
    expect(problem(() => parseProviderSettings("p1", callback, null))).toBe(
      "callbackUrl: must be https (http only for localhost and 127.0.0.1)",
    );
  });

  it("names tokens by Firebase's provider ids", () => {
    expect(signInProviderOf("google")).toBe("google.com");
    expect(signInProviderOf("okta")).toBe("oidc.okta");
  });
});
