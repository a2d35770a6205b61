/**
 * Keys no prefix announces: long runs of base64/base64url characters that look random. A
 * run is removed when it mixes digits, lower- and upper-case letters and its Shannon entropy
 * is close to what a random string of its length reaches.
 *
 * Calibration (see the README): in 999 random base64 strings of 1,000, the entropy is at least
 * 3.74 bits per character at 24 characters, 4.33 at 40 and 4.83 at 64, above the threshold
 * 0.78 · log2(min(n, 64)) (3.58, 4.15, 4.68). The base64 of small images, identifiers, paths and
 * CSS stay below it or fail the other tests: zero removals over the templates, the generated
 * apps of the 60 corpus prompts and the build output in `agents/coder/src/llm/guard-corpus.test.ts`.
 */
import type { Span } from "../spans.js";

/** Shorter runs are identifiers, ids and hashes in file names far more often than keys. */
export const MIN_TOKEN_LENGTH = 24;

/** The fraction of log2(min(length, 64)) a run's entropy must reach. */
export const ENTROPY_RATIO = 0.78;

/** A run of base64/base64url characters and its padding (an `=` inside is an assignment). */
const RUN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{24,}={0,2}/g;

/** Certificates and public keys: long base64, and nothing secret. */
const PUBLIC_PEM = /-----BEGIN (?![A-Z ]*PRIVATE)[A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g;

const counts = new Uint32Array(128);

/** Bits per character of `text`'s character distribution (ASCII; others count as one). */
export function shannonEntropy(text: string): number {
  counts.fill(0);
  for (let i = 0; i < text.length; i++) counts[Math.min(text.charCodeAt(i), 127)]!++;
  let bits = 0;
  for (const n of counts) {
    if (n === 0) continue;
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** `ABCDEFGHIJ…0123456789`: an alphabet has top entropy and is no secret. */
function isSequence(text: string): boolean {
  let steps = 0;
  for (let i = 1; i < text.length; i++)
    if (text.charCodeAt(i) === text.charCodeAt(i - 1) + 1) steps++;
  return steps * 2 > text.length;
}

/**
 * A word (3+ lower-case letters, perhaps capitalised) between separators or at an end: a path
 * or file name (`/assets/chunk-Ab12Cd34`), whose gaps between words are judged instead. Random
 * base64 seldom has one: a separator falls every 32 characters on average.
 */
const WORD_PART = /(?:^|[/_+-])[A-Z]?[a-z]{3,}(?=$|[/_+-])/;
const WORD_PARTS = new RegExp(WORD_PART.source, "g");

export function entropyThreshold(length: number): number {
  return ENTROPY_RATIO * Math.log2(Math.min(length, 64));
}

/**
 * Whether a run (padding stripped) looks like a random key. Hex alone never does: hex runs are
 * digests (git commits, SHA-256 in lockfiles and manifests, content hashes) far more often than
 * keys, and a hex key is still caught in the store, behind a known prefix or assigned to a
 * secret-named variable.
 */
export function looksRandom(token: string): boolean {
  const body = token.replace(/=+$/, "");
  if (body.length < MIN_TOKEN_LENGTH || /^[0-9a-fA-F]+$/.test(body)) return false;
  if (!/\d/.test(body) || !/[a-z]/.test(body) || !/[A-Z]/.test(body)) return false;
  if (WORD_PART.test(body) || isSequence(body)) return false;
  return shannonEntropy(body) >= entropyThreshold(body.length);
}

/** Runs not to judge by their look: integrity hashes (`sha512-…`) and data URLs' bodies. */
function exempt(text: string, start: number, run: string): boolean {
  return (
    /^sha(?:1|256|384|512)-/.test(run) || text.slice(Math.max(0, start - 7), start) === "base64,"
  );
}

export function highEntropySpans(text: string): Span[] {
  const spans: Span[] = [];
  const pems = text.includes("-----BEGIN ") ? [...text.matchAll(PUBLIC_PEM)] : [];
  const inPem = (at: number): boolean =>
    pems.some((p) => at >= p.index && at < p.index + p[0].length);
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m !== null; m = RUN.exec(text)) {
    const run = m[0];
    if (exempt(text, m.index, run) || inPem(m.index)) continue;
    const body = run.replace(/=+$/, "");
    if (looksRandom(body)) {
      spans.push({ start: m.index, end: m.index + run.length, kind: "high-entropy" });
      continue;
    }
    // Words joined with a key (`/v1/keys/<key>`, `api_token_<key>`): judge what is between
    // the words on its own.
    let from = 0;
    for (const word of [...body.matchAll(WORD_PARTS), { index: body.length, 0: "" }]) {
      const gap = /^[/_+-]*(.*?)[/_+-]*$/.exec(body.slice(from, word.index))!;
      const part = gap[1]!;
      if (looksRandom(part)) {
        const start = m.index + from + gap[0].indexOf(part);
        const end =
          start + part.length === m.index + body.length
            ? m.index + run.length
            : start + part.length;
        spans.push({ start, end, kind: "high-entropy" });
      }
      from = word.index + word[0].length;
    }
  }
  return spans;
}
