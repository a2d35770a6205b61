import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PLANTED } from "../../test/planted.js";
import { createRedactor } from "../redactor.js";
import { entropyThreshold, highEntropySpans, shannonEntropy } from "./entropy.js";

const clean = (text: string) => createRedactor([]).clean(text, "text");

describe("high-entropy tokens", () => {
  it("measures entropy in bits per character", () => {
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abcd")).toBe(2);
    expect(entropyThreshold(24)).toBeCloseTo(0.78 * Math.log2(24));
    expect(entropyThreshold(1000)).toBe(entropyThreshold(64));
  });

  it("removes a random token no prefix announces, with its padding", () => {
    expect(clean(`const x = "${PLANTED.random}";`)).toEqual({
      value: 'const x = "[redacted: high-entropy]";',
      removed: [{ kind: "high-entropy", where: "text", length: PLANTED.random.length }],
    });
    const b64 = "kQ9vR2x7LmN4pZ8wT1yB6cH3dJ0gS5aF+e/uI2oP7rE=";
    expect(clean(`secret ${b64}\n`).value).toBe("secret [redacted: high-entropy]\n");
  });

  it("removes a key after words in a path or a name, and keeps the words", () => {
    expect(clean(`GET /v1/keys/${PLANTED.random} HTTP/1.1`).value).toBe(
      "GET /v1/keys/[redacted: high-entropy] HTTP/1.1",
    );
    expect(clean(`api_token_${PLANTED.random}`).value).toBe("api_token_[redacted: high-entropy]");
  });

  it("catches nearly every random key of 32 bytes (as `openssl rand -base64 32` writes)", () => {
    // SHA-256 digests stand in for random bytes: uniform, and the same on every run.
    const keys = Array.from({ length: 1000 }, (_, i) =>
      createHash("sha256").update(`key ${i}`).digest("base64"),
    );
    const caught = keys.filter((k) => highEntropySpans(`KEY ${k}`).length === 1).length;
    expect(caught).toBeGreaterThanOrEqual(995);
  });

  it.each([
    ["a camelCase identifier", "createNotificationDetailPageComponent2"],
    ["a path of words", "src/screens/notifications/notification-detail-page"],
    ["a Vite asset with its hash", "/assets/nested/chunk-Ab12Cd34.js"],
    ["a file in node_modules/.vite", "node_modules/.vite/deps/react-dom_client-4A8bC2dE.js"],
    ["a uuid", "id: 550e8400-e29b-41d4-a716-446655440000"],
    ["an upper-case uuid", "ID 550E8400-E29B-41D4-A716-446655440000"],
    ["a git commit", "commit 9fceb02d0ae598e95dc970b74767f19372d61af8"],
    ["a sha256 digest", "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    [
      "an integrity hash",
      '"integrity": "sha512-q8Z3vR7pL2mN9xK4wT6yB1cF5hJ0dGq8Z3vR7pL2mN9xK4wT6yB1cF5hJ0dG=="',
    ],
    ["a data URL", `<img src="data:image/png;base64,${PLANTED.random}${PLANTED.random}" />`],
    [
      "an alphabet",
      "const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';",
    ],
    [
      "the base64 of a tiny PNG",
      '"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="',
    ],
    [
      "a certificate",
      "-----BEGIN CERTIFICATE-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END CERTIFICATE-----",
    ],
    ["an SVG path", 'd="M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2z"'],
    ["a short token", "Ab3dE6gH9jK2mN5pQ8s"],
    ["lower case and digits", "k3j4h5g6f7d8s9a0p1o2i3u4y5t6"],
  ])("leaves %s alone", (_what, text) => {
    expect(clean(text).removed).toEqual([]);
  });
});
