/**
 * String helpers. Rules strings are sequences of Unicode characters (code points), while JS
 * strings are UTF-16: outside the BMP the two disagree, so sizes, indexes, slices and ordering
 * go through these helpers. Each has a fast path for the common surrogate-free string.
 */

const SURROGATE = /[\uD800-\uDFFF]/;

/** The string's characters (code points) as an array, or the string itself if that is the same. */
function chars(s: string): string | readonly string[] {
  return SURROGATE.test(s) ? Array.from(s) : s;
}

/** Number of characters (code points): `'é'.size() == 1`, and an emoji counts once. */
export function charLength(s: string): number {
  return chars(s).length;
}

/** The character at code-point index `i`, or undefined when out of range. */
export function charAt(s: string, i: number): string | undefined {
  const c = chars(s);
  if (i < 0 || i >= c.length) return undefined;
  return typeof c === "string" ? c.charAt(i) : c[i];
}

/** Characters `[start, end)` by code-point index; callers have range-checked. */
export function charSlice(s: string, start: number, end: number): string {
  const c = chars(s);
  return typeof c === "string" ? c.slice(start, end) : c.slice(start, end).join("");
}

/**
 * Orders strings by Unicode code point, which is also UTF-8 byte order (how Firestore orders
 * strings). JS `<` compares UTF-16 code units, which differs only when a surrogate pair meets a
 * character in U+E000–U+FFFF; at the first differing unit we lift surrogates above that range.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fixup(x) - fixup(y);
  }
  return a.length - b.length;
}

function fixup(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}
