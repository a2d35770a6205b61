/**
 * Secrets known by their shape alone: private key blocks, passwords in URLs, vendors' key
 * prefixes and JSON Web Tokens. Each pattern asks for enough of the real format (lengths,
 * alphabets, a digit where vendors always have one) that words and identifiers sharing a
 * prefix (`sk-button`, `hf_model_name`) are left alone.
 */
import { matchSpans, type Span } from "../spans.js";
import { isPlaceholder } from "./values.js";

/**
 * The whole block, headers included. A block cut off before its END line (a truncated paste)
 * is removed up to the end of its base64 body; escaped newlines (`\n` in JSON) count as lines.
 */
const PRIVATE_KEY =
  /-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----|(?:\s|\\[nrt]|[A-Za-z0-9+/=:,-])*)/dg;

/** `scheme://user:PASSWORD@host`: group 1 is the password, the only part removed. */
const URL_PASSWORD = /(?<=[a-zA-Z]):\/\/[^\s:@/?#"'`<>]*:([^\s@/?#"'`<>]+)@/dg;

/** What documentation writes in place of a password: `smtp://[user:password@]host`. */
const URL_PASSWORD_WORD = /^(?:password|passwd|pass|pwd|pw|secret|token)$/i;

/** Header, payload (both base64url JSON objects, hence `eyJ`) and an optional signature. */
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/dg;

/** Not a word: a digit and a letter, and not only dash-separated words (`sk-some-long-name-2`). */
function keyish(token: string): boolean {
  const body = token.replace(/^[a-z]+[-_]/, "");
  return (
    /\d/.test(body) &&
    /[A-Za-z]/.test(body) &&
    !body.split(/[-_]/).every((p) => /^[a-z]*\d?$/i.test(p))
  );
}

const bothCases = (token: string): boolean => /[a-z]/.test(token) && /[A-Z]/.test(token);

interface KnownPrefix {
  readonly name: string;
  readonly pattern: RegExp;
  readonly accept?: (token: string) => boolean;
}

/** Vendors' key formats; `name` is what a removal records. Most specific first. */
export const KNOWN_PREFIXES: readonly KnownPrefix[] = [
  { name: "anthropic-key", pattern: /(?<![\w-])sk-ant-[A-Za-z0-9_-]{20,}/dg },
  {
    name: "openai-key",
    pattern: /(?<![\w-])sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/dg,
    accept: keyish,
  },
  { name: "github-token", pattern: /(?<![A-Za-z0-9])gh[pousr]_[A-Za-z0-9]{36,}/dg },
  { name: "github-token", pattern: /(?<![A-Za-z0-9])github_pat_[A-Za-z0-9_]{22,}/dg },
  { name: "gitlab-token", pattern: /(?<![A-Za-z0-9])glpat-[A-Za-z0-9_-]{20,}/dg },
  {
    name: "slack-token",
    pattern: /(?<![A-Za-z0-9])xox[abprs]-[A-Za-z0-9-]{10,}/dg,
    accept: keyish,
  },
  { name: "slack-token", pattern: /(?<![A-Za-z0-9])xapp-\d-[A-Za-z0-9-]{10,}/dg },
  { name: "slack-webhook", pattern: /(?<=hooks\.slack\.com\/services\/)[A-Za-z0-9/]{20,}/dg },
  { name: "stripe-key", pattern: /(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/dg },
  { name: "stripe-webhook-secret", pattern: /(?<![A-Za-z0-9])whsec_[A-Za-z0-9]{20,}/dg },
  {
    name: "aws-access-key-id",
    pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}(?![0-9A-Z])/dg,
  },
  { name: "google-api-key", pattern: /(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}/dg },
  { name: "google-oauth-secret", pattern: /(?<![A-Za-z0-9])GOCSPX-[A-Za-z0-9_-]{28}/dg },
  { name: "npm-token", pattern: /(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/dg },
  {
    name: "sendgrid-key",
    pattern: /(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/dg,
  },
  { name: "twilio-key", pattern: /(?<![A-Za-z0-9])(?:SK|AC)[0-9a-f]{32}(?![A-Za-z0-9])/dg },
  {
    name: "huggingface-token",
    pattern: /(?<![A-Za-z0-9])hf_[A-Za-z0-9]{34,}(?![A-Za-z0-9])/dg,
    accept: bothCases,
  },
  {
    name: "winky-service-key",
    pattern: /(?<![A-Za-z0-9])wk_sk_[a-z][a-z0-9-]{2,62}_[A-Za-z0-9_-]{43}/dg,
  },
];

/** An AWS secret access key: 40 base64 characters, mixed. Only looked for near a key id. */
const AWS_SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/dg;
const AWS_SECRET_REACH = 300;

function awsSecretsNear(text: string, ids: readonly Span[]): Span[] {
  return ids.flatMap((id) => {
    const from = Math.max(0, id.start - AWS_SECRET_REACH);
    const window = text.slice(from, id.end + AWS_SECRET_REACH);
    return matchSpans(window, AWS_SECRET, "known-prefix", {
      name: "aws-secret-access-key",
      accept: (v) => /\d/.test(v) && bothCases(v),
    }).map((s) => ({ ...s, start: s.start + from, end: s.end + from }));
  });
}

export function privateKeySpans(text: string): Span[] {
  return text.includes("PRIVATE KEY") ? matchSpans(text, PRIVATE_KEY, "private-key") : [];
}

export function urlCredentialSpans(text: string): Span[] {
  return text.includes("://")
    ? matchSpans(text, URL_PASSWORD, "url-credentials", {
        group: 1,
        accept: (v) => v.length >= 3 && !isPlaceholder(v) && !URL_PASSWORD_WORD.test(v),
      })
    : [];
}

export function knownPrefixSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const { name, pattern, accept } of KNOWN_PREFIXES) {
    const found = matchSpans(text, pattern, "known-prefix", { name, accept });
    spans.push(...found);
    if (name === "aws-access-key-id" && found.length > 0)
      spans.push(...awsSecretsNear(text, found));
  }
  return spans;
}

export function jwtSpans(text: string): Span[] {
  return text.includes("eyJ") ? matchSpans(text, JWT, "jwt") : [];
}
