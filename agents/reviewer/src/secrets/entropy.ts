/**
 * High-entropy strings: random-looking base64 or hex tokens of 20 characters or more, the
 * shape of keys no prefix announces. Shannon entropy in bits per character: random base64
 * reaches about 4.5 over 20–40 characters, random hex about 3.5–4; English words and code
 * identifiers stay well below.
 */

/** Runs of base64/base64url/hex characters: what a key looks like inside a line. */
const TOKEN = /[A-Za-z0-9+/_-]{20,}={0,2}/g;
const HEX = /^[0-9a-fA-F]+$/;
const BASE64_MIN_BITS = 4.3;
const HEX_MIN_BITS = 3.0;
const HEX_MIN_LENGTH = 32;

/** Bits per character of `text`'s character distribution. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Files whose long random strings are not secrets: lockfiles' hashes, stylesheets, images. */
export function isEntropyExempt(path: string): boolean {
  return (
    /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|Cargo\.lock|go\.sum|poetry\.lock)$/.test(
      path,
    ) || /\.(?:css|scss|sass|less|svg|png|jpe?g|gif|webp|ico|woff2?|ttf|map|snap)$/.test(path)
  );
}

/**
 * Line contexts whose long random strings are not secrets: subresource integrity hashes,
 * data URLs, `sha…-` digests.
 */
const EXEMPT_CONTEXT = /integrity\s*[=:]|data:[\w/+.-]+;base64,|\bsha(?:1|256|384|512)-/i;

/** Whether a token looks random enough to be a key: mixed classes and high entropy. */
function looksRandom(token: string): boolean {
  const body = token.replace(/=+$/, "");
  // Paths and kebab/snake identifiers: long, but made of words.
  if (/[/_-]/.test(body) && body.split(/[/_-]/).every((part) => /^[A-Za-z]*\d{0,2}$/.test(part)))
    return false;
  if (HEX.test(body)) {
    return body.length >= HEX_MIN_LENGTH && /\d/.test(body) && /[a-fA-F]/.test(body)
      ? shannonEntropy(body) >= HEX_MIN_BITS
      : false;
  }
  // A key mixes digits with letters of both cases; camelCase identifiers have no digits.
  if (!/\d/.test(body) || !/[a-z]/.test(body) || !/[A-Z]/.test(body)) return false;
  return shannonEntropy(body) >= BASE64_MIN_BITS;
}

/** Whether `line` holds a high-entropy token outside an allowed context. */
export function hasHighEntropyToken(line: string): boolean {
  if (EXEMPT_CONTEXT.test(line)) return false;
  for (const m of line.matchAll(TOKEN)) if (looksRandom(m[0])) return true;
  return false;
}
