import { describe, expect, it } from "vitest";
import { PLANTED, type PlantedName } from "../../test/planted.js";
import { createRedactor } from "../redactor.js";

const clean = (text: string) => createRedactor([]).clean(text, "text");

describe("secrets known by their shape", () => {
  describe("private keys", () => {
    it("removes the whole block, headers to END line", () => {
      const { value, removed } = clean(`key:\n${PLANTED.privateKey}\nnext line`);
      expect(value).toBe("key:\n[redacted: private-key]\nnext line");
      expect(removed).toEqual([
        { kind: "private-key", where: "text", length: PLANTED.privateKey.length },
      ]);
    });

    it("removes a block escaped into a JSON string, and one cut off before its END line", () => {
      const escaped = JSON.stringify({ key: PLANTED.privateKey });
      expect(clean(escaped).value).toBe('{"key":"[redacted: private-key]"}');
      const truncated = PLANTED.privateKey.split("\n").slice(0, 2).join("\n");
      expect(clean(`${truncated}\n`).value).toBe("[redacted: private-key]");
    });

    it("leaves public keys and certificates alone", () => {
      const pub =
        "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\n-----END PUBLIC KEY-----";
      expect(clean(pub).removed).toEqual([]);
    });
  });

  describe("passwords in URLs", () => {
    it.each([
      ["postgres://app:Hunter-42x@db.internal:5432/app", "postgres://app:"],
      ["https://deploy:s3cr3t%2Fpw@git.example.com/repo.git", "https://deploy:"],
      ["redis://:n0-user-pw@cache:6379", "redis://:"],
    ])("removes only the password of %s", (url, kept) => {
      const { value, removed } = clean(`url=${url} ok`);
      expect(value).toContain(`${kept}[redacted: url-credentials]@`);
      expect(removed.map((r) => r.kind)).toContain("url-credentials");
    });

    it.each([
      "http://localhost:4000/path@v2",
      "git@github.com:org/repo.git",
      "https://user@example.com/",
      "smtp://[user:password@]host[:port]",
      "postgres://u:${PASSWORD}@db/app",
      "mailto:someone@example.com",
    ])("leaves %s alone", (text) => {
      expect(clean(text).removed).toEqual([]);
    });
  });

  describe("vendors' key prefixes", () => {
    const prefixed: Array<[PlantedName, string]> = [
      ["openai", "openai-key"],
      ["openaiLegacy", "openai-key"],
      ["anthropic", "anthropic-key"],
      ["github", "github-token"],
      ["githubPat", "github-token"],
      ["gitlab", "gitlab-token"],
      ["slack", "slack-token"],
      ["stripe", "stripe-key"],
      ["stripeTest", "stripe-key"],
      ["awsId", "aws-access-key-id"],
      ["google", "google-api-key"],
      ["npm", "npm-token"],
      ["sendgrid", "sendgrid-key"],
      ["twilio", "twilio-key"],
      ["huggingface", "huggingface-token"],
    ];

    it.each(prefixed)("removes a %s key and names its kind", (planted, name) => {
      const key = PLANTED[planted];
      const { value, removed } = clean(`curl -H "X-Thing: ${key}" https://api.example.com`);
      expect(value).toBe('curl -H "X-Thing: [redacted: known-prefix]" https://api.example.com');
      expect(removed).toEqual([{ kind: "known-prefix", name, where: "text", length: key.length }]);
    });

    it("removes an AWS secret access key written near its key id", () => {
      const text = `aws_access_key_id = ${PLANTED.awsId}\naws_secret = ${PLANTED.awsSecret}\n`;
      const { value, removed } = clean(text);
      expect(value).not.toContain(PLANTED.awsSecret);
      expect(removed.map((r) => r.name)).toEqual(["aws-access-key-id", "aws-secret-access-key"]);
    });

    it.each([
      "sk-button-primary-large-2",
      "risk-assessment-summary-v2-final",
      "ghp_short123",
      "hf_model_name_for_the_pipeline_xx",
      "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",
      "AKIA-not-a-key",
      // 20 characters after AKIA, not 16 (assembled: no key-shaped literal in Git).
      ["AKIA", "IOSFODNN7EXAMPLE1234"].join(""),
      "xoxb-is-a-slack-prefix",
      "npm_config_cache",
      "pk_live_publishable_key_is_public0",
      "SKETCHY0123456789abcdef0123456789",
    ])("leaves %s alone", (text) => {
      expect(clean(text).removed).toEqual([]);
    });
  });

  describe("JSON Web Tokens", () => {
    it("removes header, payload and signature, and an unsigned token", () => {
      expect(clean(`Authorization: ${PLANTED.jwt}`).removed.map((r) => r.kind)).toContain("jwt");
      const unsigned = PLANTED.jwt.replace(/[^.]+$/, "");
      expect(clean(`t=${unsigned} end`).value).toBe("t=[redacted: jwt] end");
    });

    it("leaves a lone base64 JSON object (one segment) alone", () => {
      expect(clean("eyJhbGciOiJIUzI1NiJ9 and eyJ.eyJ.x").removed).toEqual([]);
    });
  });
});
