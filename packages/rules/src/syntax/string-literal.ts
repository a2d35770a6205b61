import type { Scanner } from "./scanner.js";

const SIMPLE_ESCAPES: Record<string, string> = {
  n: "\n",
  r: "\r",
  t: "\t",
  b: "\b",
  f: "\f",
  v: "\v",
  a: "\x07",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "`": "`",
  "?": "?",
};

/**
 * Reads a quoted literal starting at the quote. Escapes follow the language (CEL): `\n` and
 * friends, `\xHH`, `\uHHHH`, `\UHHHHHHHH` and three-digit octal `\ooo`. Any other escape,
 * such as `\.` or `\d`, is a compile error as in production: regexes need `\\.`.
 */
export function readQuoted(
  scanner: Scanner,
  quoteAt: number,
  kind: "string",
): { value: string; end: number };
export function readQuoted(
  scanner: Scanner,
  quoteAt: number,
  kind: "bytes",
): { value: Uint8Array; end: number };
export function readQuoted(
  scanner: Scanner,
  quoteAt: number,
  kind: "string" | "bytes",
): { value: string | Uint8Array; end: number } {
  const s = scanner.source;
  const quote = s[quoteAt]!;
  const bytes: number[] = [];
  let text = "";
  const push = (chunk: string) => {
    if (kind === "string") text += chunk;
    else bytes.push(...Buffer.from(chunk, "utf8"));
  };
  let i = quoteAt + 1;
  for (;;) {
    const c = s[i];
    if (c === undefined || c === "\n") throw scanner.error("unterminated string literal", quoteAt);
    if (c === quote) break;
    if (c !== "\\") {
      push(c);
      i++;
      continue;
    }
    const e = s[i + 1] ?? "";
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      push(simple);
      i += 2;
    } else if (e === "x" || e === "X" || e === "u" || e === "U") {
      const width = e === "u" ? 4 : e === "U" ? 8 : 2;
      const hex = s.slice(i + 2, i + 2 + width);
      if (!new RegExp(`^[0-9A-Fa-f]{${width}}$`).test(hex)) {
        throw scanner.error(`'\\${e}' needs ${width} hex digits`, i);
      }
      const code = parseInt(hex, 16);
      if (kind === "bytes" && width === 2) bytes.push(code);
      else if (code > 0x10ffff) throw scanner.error(`'\\${e}${hex}' is not a code point`, i);
      else push(String.fromCodePoint(code));
      i += 2 + width;
    } else if (/[0-3]/.test(e) && /^[0-7]{2}$/.test(s.slice(i + 2, i + 4))) {
      const code = parseInt(s.slice(i + 1, i + 4), 8);
      if (kind === "bytes") bytes.push(code);
      else push(String.fromCharCode(code));
      i += 4;
    } else {
      throw scanner.error(`unknown escape '\\${e}' (write '\\\\${e}' for a backslash)`, i);
    }
  }
  return { value: kind === "string" ? text : Uint8Array.from(bytes), end: i + 1 };
}
