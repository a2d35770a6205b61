import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../errors/runtime-error.js";
import { AUTH_ERROR_RUNTIME_CODES, AuthError, isAuthError, type AuthErrorCode } from "./errors.js";

describe("AuthError", () => {
  it("carries a stable code, a default message and the runtime code it maps to", () => {
    const e = new AuthError("too-many-attempts", undefined, { retryAfterMs: 1500 });
    expect(e).toMatchObject({
      name: "AuthError",
      code: "too-many-attempts",
      message: "too many attempts; try again later",
      retryAfterMs: 1500,
      runtimeCode: "resource-exhausted",
    });
  });

  it("uses one message for invalid credentials, whatever the cause", () => {
    expect(new AuthError("invalid-credentials").message).toBe("the email or password is incorrect");
  });

  it("is recognised by name, not by instanceof, and lookalikes are not", () => {
    const foreign = Object.assign(new Error("x"), { name: "AuthError", code: "invalid-token" });
    expect(isAuthError(foreign)).toBe(true);
    expect(isAuthError(new AuthError("invalid-token"))).toBe(true);
    const unknownCode = Object.assign(new Error("x"), { name: "AuthError", code: "nope" });
    expect(isAuthError(unknownCode)).toBe(false);
    expect(isAuthError({ name: "AuthError", code: "invalid-token" })).toBe(false);
    expect(isAuthError(new Error("invalid-token"))).toBe(false);
  });
});

describe("the auth → runtime code table", () => {
  it("maps every auth code to an existing runtime code", () => {
    for (const code of Object.values(AUTH_ERROR_RUNTIME_CODES)) {
      expect(Object.keys(ERROR_CODES)).toContain(code);
    }
  });

  it("answers 401 for every credential and token problem, and 409 only for linked identities", () => {
    const unauthenticated: AuthErrorCode[] = [
      "invalid-credentials",
      "invalid-token",
      "token-expired",
      "wrong-project",
      "invalid-refresh-token",
      "refresh-token-reused",
    ];
    for (const code of unauthenticated)
      expect(AUTH_ERROR_RUNTIME_CODES[code]).toBe("unauthenticated");
    // 409 names a provider identity already in use, never an email (sign-up does not tell).
    const conflicts = Object.entries(AUTH_ERROR_RUNTIME_CODES)
      .filter(([, runtimeCode]) => runtimeCode === "already-exists")
      .map(([code]) => code);
    expect(conflicts).toEqual(["identity-already-linked", "provider-already-linked"]);
    expect(AUTH_ERROR_RUNTIME_CODES["user-disabled"]).toBe("permission-denied");
    expect(AUTH_ERROR_RUNTIME_CODES["weak-password"]).toBe("invalid-argument");
  });
});
