/**
 * Field paths: the dotted names update masks, queries and error messages use to point into a
 * document (`address.city`). A segment that is not a simple identifier is quoted in backticks
 * (`` `first name` ``, `` `a.b` ``), as Firestore's REST API writes them, so a field whose
 * name contains a dot stays distinguishable from a nested field.
 */
import { DocumentValueError, InvalidPathError } from "./errors.js";
import { hasLoneSurrogate, utf8ByteLength } from "./strings.js";
import { MAX_NAME_BYTES } from "./value.js";

const SIMPLE_SEGMENT = /^[A-Za-z_][A-Za-z_0-9]*$/;

/** Firestore reserves names that start and end with two underscores (`__name__`). */
const RESERVED_NAME = /^__.*__$/s;

/**
 * Why a name with U+0000 is refused. Firestore takes any UTF-8, but field names are keys of
 * the stored `jsonb` and of index entries, which PostgreSQL cannot give a U+0000 (string values
 * can hold one: see `encodeStoredFields`).
 */
export const NUL_RULE = "contains U+0000, which this runtime does not support in names";

/** True for names Firestore reserves: those matching `__.*__`. */
export function isReservedName(name: string): boolean {
  return RESERVED_NAME.test(name);
}

/**
 * Formats segments as a field path, quoting each segment that is not a simple identifier
 * (`[A-Za-z_][A-Za-z_0-9]*`) in backticks and escaping `` ` `` and `\` inside with `\`.
 * `parseFieldPath(formatFieldPath(s))` gives back `s` for any non-empty segments.
 */
export function formatFieldPath(segments: readonly string[]): string {
  return segments.map(quoteSegment).join(".");
}

function quoteSegment(segment: string): string {
  if (SIMPLE_SEGMENT.test(segment)) return segment;
  return "`" + segment.replace(/[`\\]/g, (c) => "\\" + c) + "`";
}

/**
 * Parses a field path: segments separated by `.`, each either backtick-quoted (any text, with
 * `` \` `` and `\\` as the only escapes) or unquoted (any text without `.`, `` ` `` or `\`).
 * `` a.`b.c` `` is `["a", "b.c"]`.
 *
 * @throws InvalidPathError for an empty path or segment, an unterminated quote, an unknown
 * escape, text after a closing backtick, or a segment with U+0000 (no field can have it).
 */
export function parseFieldPath(text: string): string[] {
  function bad(rule: string): never {
    throw new InvalidPathError(text, `invalid field path ${JSON.stringify(text)}: ${rule}`);
  }
  if (text.length === 0) bad("it is empty");
  const segments: string[] = [];
  let i = 0;
  for (;;) {
    let segment = "";
    if (text[i] === "`") {
      i++;
      for (;;) {
        const c = text[i];
        if (c === undefined) bad("a backtick-quoted segment is not closed");
        if (c === "`") break;
        if (c === "\\") {
          const escaped = text[i + 1];
          if (escaped !== "`" && escaped !== "\\") bad(`unknown escape at offset ${i}`);
          segment += escaped;
          i += 2;
        } else {
          segment += c;
          i++;
        }
      }
      i++; // closing backtick
      if (i < text.length && text[i] !== ".") bad(`expected '.' after the quoted segment`);
    } else {
      const end = text.indexOf(".", i);
      segment = text.slice(i, end === -1 ? text.length : end);
      if (/[`\\]/.test(segment)) bad(`segment ${JSON.stringify(segment)} must be backtick-quoted`);
      i += segment.length;
    }
    if (segment.length === 0) bad(`segment ${segments.length + 1} is empty`);
    if (segment.includes("\u0000")) bad(`segment ${segments.length + 1} ${NUL_RULE}`);
    segments.push(segment);
    if (i >= text.length) return segments;
    i++; // the '.'
    if (i >= text.length) bad("it ends with '.'");
  }
}

/** The field path of `name` inside the map at `parent` ("" for the document itself). */
export function childFieldPath(parent: string, name: string): string {
  const quoted = quoteSegment(name);
  return parent === "" ? quoted : `${parent}.${quoted}`;
}

/** The field path of element `index` of the array at `parent`: `tags[2]`. */
export function elementFieldPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/**
 * Checks a field name (a map key at any level) against Firestore's rules: not empty, valid
 * Unicode, at most 1,500 bytes of UTF-8, not reserved (`__.*__`); and, unlike Firestore, no
 * U+0000.
 *
 * @param fieldPath the path of the field, named in the error.
 * @throws DocumentValueError naming the path and the rule broken.
 */
export function validateFieldName(name: string, fieldPath: string): void {
  function bad(rule: string): never {
    throw new DocumentValueError(fieldPath, `invalid field name at ${fieldPath}: ${rule}`);
  }
  if (name.length === 0) bad("field names must not be empty");
  if (name.includes("\u0000")) bad(`the name ${NUL_RULE}`);
  if (hasLoneSurrogate(name)) bad("the name is not valid Unicode (it has a lone surrogate)");
  const bytes = utf8ByteLength(name);
  if (bytes > MAX_NAME_BYTES) bad(`the name is ${bytes} bytes; the limit is ${MAX_NAME_BYTES}`);
  if (isReservedName(name)) bad("names matching __.*__ are reserved");
}
