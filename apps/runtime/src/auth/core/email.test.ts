import { describe, expect, it } from "vitest";
import { emailKey, isValidEmail, normalizeEmail } from "./email.js";
import { isAuthError } from "./errors.js";

const rejection = (input: unknown) => {
  try {
    normalizeEmail(input);
    return "accepted";
  } catch (e) {
    return isAuthError(e) ? `${e.code}: ${e.message}` : String(e);
  }
};

describe("email normalisation", () => {
  it("trims and lower-cases the domain but keeps the local part's case", () => {
    expect(normalizeEmail("  Ann.Lee@Example.COM \n")).toBe("Ann.Lee@example.com");
  });

  it("applies Unicode NFC", () => {
    expect(normalizeEmail("jose\u0301@example.com")).toBe("jos\u00e9@example.com");
  });

  it("compares addresses case-insensitively through emailKey", () => {
    expect(emailKey("Ann@Example.com")).toBe(emailKey("ann@example.COM"));
    expect(emailKey("Ann@Example.com")).toBe("ann@example.com");
  });

  it("accepts plus addressing and internationalised domains", () => {
    expect(isValidEmail("ann+tag@example.co.uk")).toBe(true);
    expect(isValidEmail("ann@exämple.de")).toBe(true);
  });
});

describe("email validation", () => {
  it.each([
    [undefined, "invalid-email: email must be a string"],
    ["   ", "invalid-email: email is required"],
    ["ann", "invalid-email: email must look like name@example.com"],
    ["@example.com", "invalid-email: email must look like name@example.com"],
    ["ann@", "invalid-email: email must look like name@example.com"],
    ["ann@localhost", "invalid-email: the domain must contain a dot, as in example.com"],
    ["ann@-x.com", "invalid-email: the domain label '-x' is not valid"],
    ["ann@example..com", "invalid-email: the domain label '' is not valid"],
    [
      "a b@example.com",
      "invalid-email: the part before @ contains characters that are not allowed",
    ],
    [
      "ann.@example.com",
      "invalid-email: the part before @ contains characters that are not allowed",
    ],
    [
      '"ann"@example.com',
      "invalid-email: the part before @ contains characters that are not allowed",
    ],
    [
      "a@b@example.com",
      "invalid-email: the part before @ contains characters that are not allowed",
    ],
    [
      `${"a".repeat(65)}@example.com`,
      "invalid-email: the part before @ must be at most 64 characters",
    ],
    [
      `a@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(20)}.com`,
      "invalid-email: email must be at most 254 characters",
    ],
  ])("rejects %j", (input, expected) => {
    expect(rejection(input)).toBe(expected);
  });
});
