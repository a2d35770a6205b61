import type { Span } from "./spans.js";
import type { NamedSecret } from "./types.js";

/**
 * Shorter store values are not searched for: a 4-character value would match ordinary words
 * and numbers everywhere. Every variant searched is at least this long too, which is what lets
 * one fixed-width rolling hash find them all.
 */
export const MIN_SECRET_LENGTH = 8;

interface Literal {
  readonly text: string;
  readonly name: string | undefined;
  /** A base64 core: the match is widened to the whole base64 token around it. */
  readonly encoded: boolean;
}

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** base64/base64url characters a widened match runs through, and padding after them. */
const B64 = /[A-Za-z0-9+/_-]/;

/**
 * The chars of `bytes`' base64 that do not depend on what surrounds them, at each of the three
 * alignments the bytes can have inside a longer encoded stream (`Basic base64(user:pass)`, a
 * JSON file encoded whole): the groups of 3 bytes wholly inside the value.
 */
function base64Cores(bytes: Buffer): string[] {
  return [0, 1, 2].map((k) => {
    const padded = Buffer.concat([Buffer.alloc(k), bytes]);
    const whole = Math.floor(padded.length / 3) * 4;
    return padded.toString("base64").slice(k === 0 ? 0 : 4, whole);
  });
}

/**
 * The forms a value takes in a prompt: as is, trimmed, JSON-escaped (also with `\/`),
 * URL-encoded (upper- and lower-case hex, `+` for spaces), HTML-escaped, and base64 and
 * base64url at every alignment. Each at least {@link MIN_SECRET_LENGTH} long.
 */
export function variantsOf(value: string): Array<{ text: string; encoded: boolean }> {
  const found = new Map<string, boolean>();
  const add = (text: string, encoded: boolean): void => {
    if (text.length >= MIN_SECRET_LENGTH && !found.has(text)) found.set(text, encoded);
  };
  for (const v of new Set([value, value.trim()])) {
    if (v.length < MIN_SECRET_LENGTH) continue;
    add(v, false);
    const json = JSON.stringify(v).slice(1, -1);
    add(json, false);
    add(json.replaceAll("/", "\\/"), false);
    const url = encodeURIComponent(v);
    add(url, false);
    add(
      url.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
      false,
    );
    add(url.replaceAll("%20", "+"), false);
    add(
      v.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!),
      false,
    );
    for (const core of base64Cores(Buffer.from(v, "utf8"))) {
      add(core, true);
      add(core.replaceAll("+", "-").replaceAll("/", "_"), true);
    }
  }
  return [...found].map(([text, encoded]) => ({ text, encoded }));
}

const FILTER_BITS = 20;
const BASE = 0x01000193;
const BASE_POW = Array.from({ length: MIN_SECRET_LENGTH - 1 }).reduce<number>(
  (p) => Math.imul(p, BASE),
  1,
);

/** Spreads a window hash over the filter's bits (the rolling hash's low bits are weak). */
const slot = (hash: number): number => Math.imul(hash, 0x9e3779b1) >>> (32 - FILTER_BITS);

function windowHash(text: string, at: number): number {
  let h = 0;
  for (let j = 0; j < MIN_SECRET_LENGTH; j++)
    h = (Math.imul(h, BASE) + text.charCodeAt(at + j)) | 0;
  return h;
}

/**
 * Finds every occurrence of many literals in one pass: a rolling hash of each 8-character
 * window, a 2^20-bit filter of the literals' first windows, and a check of the literals that
 * share a hash only where the filter says one may start (longest first). One pass whatever the
 * number of values: 1 MB against 200 values and their ~2,000 forms takes about 10 ms,
 * where a regex alternation of them backtracks through every branch at every position.
 */
export class StoreMatcher {
  readonly #buckets = new Map<number, Literal[]>();
  readonly #filter = new Uint32Array(1 << (FILTER_BITS - 5));

  constructor(secrets: readonly NamedSecret[]) {
    for (const { name, value } of secrets) {
      for (const { text, encoded } of variantsOf(value)) {
        const hash = windowHash(text, 0);
        const bucket = this.#buckets.get(hash) ?? [];
        bucket.push({ text, name: name || undefined, encoded });
        this.#buckets.set(hash, bucket);
        const s = slot(hash);
        this.#filter[s >>> 5]! |= 1 << (s & 31);
      }
    }
    for (const bucket of this.#buckets.values())
      bucket.sort((a, b) => b.text.length - a.text.length);
  }

  /** Whether there is anything to look for. */
  get empty(): boolean {
    return this.#buckets.size === 0;
  }

  find(text: string): Span[] {
    const spans: Span[] = [];
    const last = text.length - MIN_SECRET_LENGTH;
    if (this.empty || last < 0) return spans;
    const filter = this.#filter;
    let h = windowHash(text, 0);
    for (let i = 0; ; i++) {
      const s = Math.imul(h, 0x9e3779b1) >>> (32 - FILTER_BITS);
      if (filter[s >>> 5]! & (1 << (s & 31))) {
        const literal = this.#buckets.get(h)?.find((l) => text.startsWith(l.text, i));
        if (literal) spans.push(this.#span(text, i, literal));
      }
      if (i === last) break;
      const out = Math.imul(text.charCodeAt(i), BASE_POW);
      h = (Math.imul(h - out, BASE) + text.charCodeAt(i + MIN_SECRET_LENGTH)) | 0;
    }
    return spans;
  }

  #span(text: string, at: number, literal: Literal): Span {
    let start = at;
    let end = at + literal.text.length;
    if (literal.encoded) {
      while (start > 0 && B64.test(text[start - 1]!)) start--;
      while (end < text.length && B64.test(text[end]!)) end++;
      while (end < text.length && text[end] === "=") end++;
    }
    return { start, end, kind: "secret-store", name: literal.name };
  }
}
