/**
 * String helpers for Firestore's rules about text: sizes are counted in UTF-8 bytes, strings
 * must be valid Unicode, and strings sort by UTF-8 bytes (which is code point order), not by
 * the UTF-16 code units JavaScript compares with `<`.
 */

/** The length of `text` in UTF-8 bytes, without encoding it. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      // A surrogate pair is one code point above U+FFFF: four bytes for the two units.
      bytes += 4;
      i++;
    } else bytes += 3; // the rest of the BMP, and lone surrogates as U+FFFD would encode
  }
  return bytes;
}

/**
 * True when `text` holds a lone surrogate. JSON may carry one (`"\ud800"`) but it has no UTF-8
 * encoding, and Firestore stores and compares strings as UTF-8, so such strings are rejected.
 */
export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    if (unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) i++;
    else return true;
  }
  return false;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * Compares strings by code point (equivalently by UTF-8 bytes), as Firestore orders them:
 * negative, zero or positive. UTF-16 order differs only where a surrogate (a code point above
 * U+FFFF) meets a unit in U+E000..U+FFFF, so only the first differing unit needs fixing up.
 */
export function compareStrings(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Moves surrogates above U+E000..U+FFFF, keeping every other unit's relative order. */
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}
