/**
 * Secret shapes the scan knows by sight: vendors' key prefixes, private key blocks, JWTs, and
 * assignments of secret-named variables to literal values.
 */

/** A known secret shape: its kind (what a finding names) and a pattern for one line. */
export interface SecretPattern {
  kind: string;
  pattern: RegExp;
}

/** Most specific first: a line is reported once, under the first kind that matches it. */
export const KNOWN_SECRETS: readonly SecretPattern[] = [
  { kind: "private key block", pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  {
    kind: "Stripe secret key (sk_live_/sk_test_/rk_live_)",
    pattern: /(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/,
  },
  // OpenAI-style and other `sk-` keys; a digit is required so kebab-case words never match.
  {
    kind: "API secret key (sk-)",
    pattern: /(?<![A-Za-z0-9_-])sk-(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{20,}/,
  },
  {
    kind: "AWS access key id (AKIA)",
    pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Z])/,
  },
  {
    kind: "GitHub token (ghp_/gho_/ghs_/github_pat_)",
    pattern: /(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/,
  },
  { kind: "Slack token (xox?-)", pattern: /(?<![A-Za-z0-9])xox[bpas]-[A-Za-z0-9-]{10,}/ },
  { kind: "Google API key (AIza)", pattern: /(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}/ },
  {
    kind: "JSON Web Token",
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/,
  },
];

/** A variable named like a secret: `API_KEY`, `STRIPE_SECRET`, `GITHUB_TOKEN`, `DB_PASSWORD`. */
const SECRET_NAME = /(?:KEY|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIALS?)(?:_[A-Z0-9]+)*$/;

/** `.env` lines: `NAME=value` or `export NAME=value`. */
const ENV_LINE = /^\s*(?:export\s+)?([A-Z][A-Z0-9_]*)\s*=\s*(.*?)\s*$/;

/** Code: `apiKey: "…"`, `const STRIPE_SECRET = '…'`: a name, then a quoted literal. */
const CODE_ASSIGNMENT = /\b([A-Za-z_$][\w$]*)["']?\s*[:=]\s*(["'`])([^"'`\s]{8,})\2/g;
const CODE_SECRET_NAME = /api_?key|secret|token|passw(?:or)?d|private_?key|access_?key|credential/i;

/** Values that are plainly not secrets: references, placeholders, empty strings. */
const NOT_A_VALUE =
  /^(?:|""|''|\$\{.*\}|\$[A-Z_]+|process\.env\..*|import\.meta\.env\..*|<[^>]*>|(?:your|my)[-_].*|changeme|change-me|xxx+|\*+|\.\.\.|example|placeholder|dummy|none|null|undefined|false|true)$/i;

/** An env-style line assigning a literal to a secret-named variable: the variable's name. */
export function envSecretAssignment(line: string): string | undefined {
  const m = ENV_LINE.exec(line);
  if (!m) return undefined;
  const [, name = "", raw = ""] = m;
  const value = raw.replace(/^(["'])(.*)\1$/, "$2").replace(/\s+#.*$/, "");
  return SECRET_NAME.test(name) && !NOT_A_VALUE.test(value) ? name : undefined;
}

/**
 * Code assigning a literal to a secret-named identifier: the identifier's name. Values with
 * spaces (a smoke test's passphrase for a throwaway account) and placeholders are not secrets.
 */
export function codeSecretAssignment(line: string): string | undefined {
  for (const m of line.matchAll(CODE_ASSIGNMENT)) {
    const [, name = "", , value = ""] = m;
    if (!CODE_SECRET_NAME.test(name) || NOT_A_VALUE.test(value)) continue;
    // Paths, URLs and template interpolations are not literal secrets.
    if (value.includes("/") || value.includes("${")) continue;
    return name;
  }
  return undefined;
}

/** Whether a file is an environment file: `.env`, `.env.local`, `config/.env.production`. */
export function isEnvFile(path: string): boolean {
  return /(?:^|\/)\.env(?:\.[\w.-]+)?$/.test(path);
}

/** Env files meant to be committed: they list names, with empty (or non-secret) values. */
export function isEnvTemplate(path: string): boolean {
  return /(?:^|\/)\.env\.(?:example|sample|template|dist)$/.test(path);
}
