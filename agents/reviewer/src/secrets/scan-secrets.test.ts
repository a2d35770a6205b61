import { describe, expect, it } from "vitest";
import { shannonEntropy } from "./entropy.js";
import { scanSecrets } from "./scan-secrets.js";

// Planted values are assembled at run time, so this file itself holds no secret-shaped literal.
const STRIPE = ["sk", "live", "51HqLyjWDarjtT1zdp7dcXwhcU4Xc0d9fhr6D"].join("_");
const OPENAI = ["sk", "proj", "4fT9xQ2mLp8vR3nZ7kW1yB6cH0dJ5gS"].join("-");
const AWS = "AKIA" + "IOSFODNN7EXAMPL3";
const GITHUB = "ghp_" + "16C7e42F292c6912E7710c838347Ae178B4a";
const SLACK = "xoxb-" + "1234567890-abcdefghijkl";
const GOOGLE = "AIza" + "SyD4x9mQ2vL8pR3nZ7kW1yB6cH0dJ5gS-aT";
const JWT = ["eyJhbGciOiJIUzI1NiJ9", "eyJzdWIiOiIxMjM0NTY3ODkwIn0", "dozjgNryP4J3jVmNHl0w5N"].join(
  ".",
);
const RANDOM = "q8Z3vR7pL2mN9xK4wT6yB1cF5hJ0dG";

function scan(path: string, text: string): string[] {
  return scanSecrets({ [path]: text });
}

describe("the secret scan", () => {
  describe("when a file holds a key with a known prefix", () => {
    it.each([
      ["Stripe secret key (sk_live_/sk_test_/rk_live_)", `const key = "${STRIPE}";`],
      ["API secret key (sk-)", `fetch(url, { headers: { a: "Bearer ${OPENAI}" } });`],
      ["AWS access key id (AKIA)", `const id = "${AWS}";`],
      ["GitHub token (ghp_/gho_/ghs_/github_pat_)", `git clone https://${GITHUB}@github.com/x`],
      ["Slack token (xox?-)", `post("${SLACK}")`],
      ["Google API key (AIza)", `maps("${GOOGLE}")`],
      ["JSON Web Token", `const t = "${JWT}";`],
      ["private key block", ["-----BEGIN RSA", "PRIVATE KEY-----"].join(" ")],
    ])("reports file:line and the kind %s, never the value", (kind, line) => {
      const findings = scan("src/screens/a.tsx", `// first\n${line}\n`);
      expect(findings).toEqual([`secrets: src/screens/a.tsx:2: ${kind}`]);
      expect(findings.join()).not.toContain(line.slice(12, 30));
    });
  });

  describe("when a string is random-looking", () => {
    it("reports a high-entropy token with no known prefix", () => {
      expect(shannonEntropy(RANDOM)).toBeGreaterThan(4.3);
      expect(scan("src/a.ts", `const x = "${RANDOM}";`)).toEqual([
        "secrets: src/a.ts:1: high-entropy string",
      ]);
    });

    it("leaves lockfile hashes, integrity attributes, data URLs and CSS alone", () => {
      const sha = `sha512-${RANDOM}${RANDOM}==`;
      expect(scan("package-lock.json", `"integrity": "${sha}"`)).toEqual([]);
      expect(scan("index.html", `<script integrity="${sha}"></script>`)).toEqual([]);
      expect(scan("src/a.tsx", `<img src="data:image/png;base64,${RANDOM}${RANDOM}" />`)).toEqual(
        [],
      );
      expect(scan("src/styles/x.css", `.a { mask: url(${RANDOM}); }`)).toEqual([]);
    });

    it("leaves identifiers, paths and kebab-case names alone", () => {
      const text = [
        'import { NotificationDetailPage } from "./screens/notifications/notification-detail";',
        "const collectionGroupQueryPlaceholder = 1;",
        'const route = "/rooms/:roomId/messages/:messageId/edit";',
        'const version = "2.11.11-beta.3";',
      ].join("\n");
      expect(scan("src/a.ts", text)).toEqual([]);
    });
  });

  describe("when a secret-named variable gets a literal", () => {
    it("reports code assigning one, but not a passphrase with spaces or an env reference", () => {
      const text = [
        `const apiKey = "Zm9vYmFyYmF6cXV4";`,
        `const PASSWORD = "smoke test passphrase 42";`,
        `const token = process.env.TOKEN;`,
        `let pageToken = "";`,
      ].join("\n");
      expect(scan("src/a.ts", text)).toEqual([
        "secrets: src/a.ts:1: secret-named apiKey assigned a literal",
      ]);
    });
  });

  describe("when environment files are present", () => {
    it("reports a committed .env once, with the lines holding secrets", () => {
      const env = `STRIPE_SECRET_KEY=${STRIPE}\nVITE_WINKY_URL=http://localhost:4000\nDB_PASSWORD=hunter22\n`;
      expect(scan(".env", env)).toEqual([
        "secrets: .env: environment file is committed with secret values on line 1, 3; delete it and list the names with empty values in .env.example",
      ]);
    });

    it("reports a committed .env.local even without secrets", () => {
      expect(scan(".env.local", "VITE_WINKY_URL=http://localhost:4000\n")).toEqual([
        "secrets: .env.local: environment file is committed; delete it and list the names with empty values in .env.example",
      ]);
    });

    it("accepts .env.example with empty secret values, and reports one with a value", () => {
      expect(scan(".env.example", "VITE_WINKY_URL=http://localhost:4000\nAPI_KEY=\n")).toEqual([]);
      expect(scan(".env.example", "API_KEY=abc123def\n")).toEqual([
        "secrets: .env.example:1: secret-named variable API_KEY with a literal value",
      ]);
    });
  });

  it("reports each line once, under its most specific kind", () => {
    expect(scan("src/a.ts", `const stripeSecret = "${STRIPE}"; // ${RANDOM}`)).toEqual([
      "secrets: src/a.ts:1: Stripe secret key (sk_live_/sk_test_/rk_live_)",
    ]);
  });
});
