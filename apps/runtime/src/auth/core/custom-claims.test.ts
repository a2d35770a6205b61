import { describe, expect, it } from "vitest";
import { MAX_CUSTOM_CLAIMS_BYTES, validateCustomClaims } from "./custom-claims.js";
import { isAuthError } from "./errors.js";

const rejection = (claims: unknown) => {
  try {
    validateCustomClaims(claims);
    return "accepted";
  } catch (e) {
    return isAuthError(e) ? `${e.code}: ${e.message}` : String(e);
  }
};

describe("custom claims", () => {
  it("accept a JSON object of up to 1000 bytes", () => {
    expect(rejection({ role: "admin", teams: ["a", "b"], level: 3, beta: true, x: null })).toBe(
      "accepted",
    );
    // {"k":"…"} is 8 bytes of overhead.
    expect(rejection({ k: "x".repeat(MAX_CUSTOM_CLAIMS_BYTES - 8) })).toBe("accepted");
  });

  it("reject more than 1000 bytes, counting UTF-8 bytes, not characters", () => {
    expect(rejection({ k: "x".repeat(MAX_CUSTOM_CLAIMS_BYTES - 7) })).toBe(
      "invalid-claims: custom claims must be at most 1000 bytes as JSON, got 1001",
    );
    expect(rejection({ k: "é".repeat(500) })).toMatch(/got 1008$/);
  });

  it.each(["iss", "sub", "aud", "exp", "iat", "auth_time", "firebase", "user_id", "nbf", "jti"])(
    "reject the reserved claim %s",
    (name) => {
      expect(rejection({ [name]: "x", role: "admin" })).toBe(
        `invalid-claims: custom claims may not use the reserved claim name(s) '${name}'`,
      );
    },
  );

  it("reject the claims the runtime sets itself, naming all of them", () => {
    expect(rejection({ email: "x", email_verified: true })).toBe(
      "invalid-claims: custom claims may not use the reserved claim name(s) 'email', 'email_verified'",
    );
  });

  it("reject anything that is not a plain JSON object", () => {
    expect(rejection(null)).toBe("invalid-claims: custom claims must be a JSON object");
    expect(rejection(["admin"])).toBe("invalid-claims: custom claims must be a JSON object");
    expect(rejection(new Date())).toBe("invalid-claims: custom claims must be a JSON object");
  });

  it("reject values JSON would silently change", () => {
    expect(rejection({ n: Number.NaN })).toBe(
      "invalid-claims: custom claim 'n' is not a finite number",
    );
    expect(rejection({ a: { b: [1, undefined] } })).toBe(
      "invalid-claims: custom claim 'a.b[1]' is not a JSON value",
    );
    expect(rejection({ big: 1n })).toBe(
      "invalid-claims: custom claims must be serialisable as JSON",
    );
  });
});
