import { describe, expect, it } from "vitest";
import {
  clearedSessionCookie,
  credentialOf,
  encodeSession,
  needsRefresh,
  parseSession,
  SESSION_COOKIE,
  sessionCookie,
  type Session,
} from "./session-cookie.js";
import { parseSignInFlash, signInFlashCookie, signInFormProblem } from "./sign-in-flash.js";

const session: Session = {
  kind: "api-token",
  token: "wk_example_not_a_real_token",
  email: "ada@example.com",
};

const platform: Session = {
  kind: "platform",
  email: "ada@example.com",
  idToken: "header.payload.signature",
  refreshToken: "opaque-refresh",
  expiresAt: 1_800_000_000_000,
  team: null,
};

describe("the session cookie", () => {
  it("parses back what it encoded", () => {
    expect(parseSession(encodeSession(session))).toEqual(session);
    expect(parseSession(encodeSession(platform))).toEqual(platform);
    const inTeam = { ...platform, team: "acme" };
    expect(parseSession(encodeSession(inTeam))).toEqual(inTeam);
  });

  it("sends the API token, or the person's ID token, to the orchestrator", () => {
    expect(credentialOf(session)).toBe("wk_example_not_a_real_token");
    expect(credentialOf(platform)).toBe("header.payload.signature");
  });

  it("renews a person's ID token in its last minute, and never a token session", () => {
    const expiresAt = 1_800_000_000_000;
    expect(needsRefresh(platform, expiresAt - 61_000)).toBe(false);
    expect(needsRefresh(platform, expiresAt - 59_000)).toBe(true);
    expect(needsRefresh(platform, expiresAt + 1)).toBe(true);
    expect(needsRefresh(session, expiresAt + 1)).toBe(false);
  });

  it("encodes to characters a cookie value may hold unquoted", () => {
    expect(encodeSession({ ...session, email: "ä; b=c@example.com" })).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  describe("when the cookie is not one the studio wrote", () => {
    it.each([
      ["absent", undefined],
      ["empty", ""],
      ["another version", `v2.${Buffer.from(JSON.stringify(session)).toString("base64url")}`],
      ["not base64 JSON", "v1.%%%"],
      [
        "an unknown kind",
        `v1.${Buffer.from('{"kind":"password","token":"x","email":""}').toString("base64url")}`,
      ],
      [
        "a person's session without its refresh token",
        `v1.${Buffer.from('{"kind":"platform","email":"a@b.c","idToken":"x","refreshToken":"","expiresAt":1,"team":null}').toString("base64url")}`,
      ],
      [
        "an empty token",
        `v1.${Buffer.from('{"kind":"api-token","token":"","email":""}').toString("base64url")}`,
      ],
      ["JSON null", `v1.${Buffer.from("null").toString("base64url")}`],
    ])("reads %s as signed out", (_label, value) => {
      expect(parseSession(value)).toBeNull();
    });
  });

  it("is set httpOnly and SameSite=Lax for the whole site", () => {
    const header = sessionCookie(session, false);
    expect(header.startsWith(`${SESSION_COOKIE}=v1.`)).toBe(true);
    expect(header).toContain("; HttpOnly");
    expect(header).toContain("; SameSite=Lax");
    expect(header).toContain("; Path=/");
    expect(header).not.toContain("Secure");
  });

  it("is Secure when the studio is served over HTTPS", () => {
    expect(sessionCookie(session, true)).toMatch(/; Secure$/);
  });

  it("is cleared by an empty value that expires at once", () => {
    expect(clearedSessionCookie(false)).toMatch(
      new RegExp(`^${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly`),
    );
  });
});

describe("the sign-in form", () => {
  it("refuses an email that is not one, naming the field", () => {
    expect(signInFormProblem("ada", "wk_x")).toMatchObject({ field: "email" });
  });

  it("refuses a token that is not an API token before asking the API", () => {
    expect(signInFormProblem("ada@example.com", "")).toMatchObject({ field: "token" });
    expect(signInFormProblem("ada@example.com", "hunter2")).toMatchObject({
      field: "token",
      message: "an API token starts with wk_",
    });
  });

  it("lets a well-formed pair through to the API", () => {
    expect(signInFormProblem("ada@example.com", "wk_x")).toBeNull();
  });

  it("carries a refusal to the next render without the token", () => {
    const flash = {
      email: "ada@example.com",
      field: "token" as const,
      message: "invalid API token",
    };
    const header = signInFlashCookie(flash, false);
    expect(header).toContain("; Path=/sign-in; Max-Age=60; HttpOnly; SameSite=Lax");
    const value = header.slice(header.indexOf("=") + 1, header.indexOf(";"));
    expect(parseSignInFlash(value)).toEqual(flash);
    expect(parseSignInFlash("garbage")).toBeNull();
  });
});
