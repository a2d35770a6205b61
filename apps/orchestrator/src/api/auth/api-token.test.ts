import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateApiToken, hashApiToken, isApiTokenShaped } from "./api-token.js";

describe("API tokens", () => {
  it("are wk_ and 32 random bytes in base64url, different every time", () => {
    const a = generateApiToken();
    const b = generateApiToken();
    expect(a.token).toMatch(/^wk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.token.slice(3), "base64url")).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
    expect(isApiTokenShaped(a.token)).toBe(true);
  });

  it("are stored as their SHA-256 in hex, with the first 10 characters as the prefix", () => {
    const { token, hash, prefix } = generateApiToken();
    expect(hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiToken(token)).toBe(hash);
    expect(prefix).toBe(token.slice(0, 10));
    expect(hash).not.toContain(token.slice(3));
  });

  it("are told apart from other bearer values by their shape", () => {
    expect(isApiTokenShaped("wk_short")).toBe(false);
    expect(isApiTokenShaped(`xx_${"a".repeat(43)}`)).toBe(false);
    expect(isApiTokenShaped(`wk_${"a".repeat(42)}!`)).toBe(false);
  });
});
