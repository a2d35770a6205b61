/** Methods of strings and bytes (reference §8 "string", "bytes"). */
import { arg, expectArity, isString } from "./args.js";
import { nullary, type MethodTable } from "./method-table.js";
import { regexMatches, regexReplace, regexSplit } from "./regex.js";
import { charLength } from "./strings.js";

const encoder = new TextEncoder();

export const STRING_METHODS: MethodTable<string> = new Map([
  ["lower", nullary((s: string) => s.toLowerCase())],
  ["upper", nullary((s: string) => s.toUpperCase())],
  // JS trim() strips all Unicode whitespace; the docs only say "spaces". Same for ASCII input.
  ["trim", nullary((s: string) => s.trim())],
  ["size", nullary((s: string) => charLength(s))],
  ["toUtf8", nullary((s: string) => encoder.encode(s))],
  [
    "matches",
    (s, args, fn) => {
      expectArity(fn, args, 1);
      return regexMatches(s, arg(fn, args, 0, isString, "string"));
    },
  ],
  [
    "replace",
    (s, args, fn) => {
      expectArity(fn, args, 2);
      const pattern = arg(fn, args, 0, isString, "string");
      return regexReplace(s, pattern, arg(fn, args, 1, isString, "string"));
    },
  ],
  [
    "split",
    (s, args, fn) => {
      expectArity(fn, args, 1);
      return regexSplit(s, arg(fn, args, 0, isString, "string"));
    },
  ],
]);

function toBuffer(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

export const BYTES_METHODS: MethodTable<Uint8Array> = new Map([
  ["size", nullary((b: Uint8Array) => b.length)],
  // Production uses the URL-safe alphabet but keeps the `=` padding ('hi' → 'aGk=').
  [
    "toBase64",
    nullary((b: Uint8Array) =>
      toBuffer(b).toString("base64").replace(/\+/g, "-").replace(/\//g, "_"),
    ),
  ],
  ["toHexString", nullary((b: Uint8Array) => toBuffer(b).toString("hex").toUpperCase())],
]);
