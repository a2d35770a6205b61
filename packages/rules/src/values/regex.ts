/**
 * Regular expressions for `matches`, `replace` and `split`. The rules language uses RE2; we run
 * JS RegExp in unicode mode after translating the RE2 spellings JS lacks (`(?P<n>…)`, `\A`,
 * `\z`, `\pL`, `[[:alpha:]]`, escaped punctuation, literal `{`) and rejecting what RE2 cannot
 * express at all (backreferences, lookaround), which production rejects too. Leading `(?i)`,
 * `(?s)`, `(?m)` become JS flags; flag groups anywhere else are refused, since Node 20's RegExp
 * has no inline modifiers.
 */
import { fail } from "./errors.js";

type Mode = "whole" | "global" | "sticky";

const CACHE_LIMIT = 256;
const cache = new Map<string, RegExp>();

const POSIX_CLASSES: ReadonlyMap<string, string> = new Map([
  ["alnum", "0-9A-Za-z"],
  ["alpha", "A-Za-z"],
  ["ascii", "\\x00-\\x7F"],
  ["blank", "\\t "],
  ["cntrl", "\\x00-\\x1F\\x7F"],
  ["digit", "0-9"],
  ["graph", "\\x21-\\x7E"],
  ["lower", "a-z"],
  ["print", "\\x20-\\x7E"],
  ["punct", "\\x21-\\x2F\\x3A-\\x40\\x5B-\\x60\\x7B-\\x7E"],
  ["space", "\\t\\n\\v\\f\\r "],
  ["upper", "A-Z"],
  ["word", "0-9A-Za-z_"],
  ["xdigit", "0-9A-Fa-f"],
]);

function unsupported(pattern: string, what: string): never {
  return fail(`Invalid regular expression '${pattern}': ${what} is not supported (RE2 syntax).`);
}

function hexEscape(c: string): string {
  return `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
}

/** A property name as JS spells it: general categories as they are, scripts as `Script=…`. */
function unicodeProperty(name: string): string {
  try {
    new RegExp(`\\p{${name}}`, "u");
    return name;
  } catch {
    return `Script=${name}`;
  }
}

/** Translates RE2 syntax to an equivalent JS unicode-mode source plus flags. */
function translate(pattern: string): { source: string; flags: string } {
  let flags = "";
  let i = 0;
  const lead = /^\(\?([a-zA-Z]+)\)/.exec(pattern);
  if (lead?.[1]) {
    for (const f of lead[1]) {
      if (f !== "i" && f !== "s" && f !== "m") unsupported(pattern, `flag '${f}'`);
      if (!flags.includes(f)) flags += f;
    }
    i = lead[0].length;
  }
  let out = "";
  let inClass = false;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    const next = pattern[i + 1];
    if (c === "\\") {
      if (next === undefined) unsupported(pattern, "a trailing backslash");
      i += 2;
      if (/[1-9]/.test(next)) unsupported(pattern, "a backreference");
      else if (next === "k") unsupported(pattern, "a backreference");
      else if (next === "C") unsupported(pattern, "\\C");
      else if (next === "A" && !inClass) out += "^";
      else if (next === "z" && !inClass) out += "(?![^])";
      else if (next === "a") out += "\\x07";
      else if (next === "Q") {
        const end = pattern.indexOf("\\E", i);
        const literal = pattern.slice(i, end < 0 ? undefined : end);
        out += [...literal]
          .map((ch) => (/[A-Za-z0-9]/.test(ch) ? ch : `\\u{${ch.codePointAt(0)?.toString(16)}}`))
          .join("");
        i = end < 0 ? pattern.length : end + 2;
      } else if (next === "p" || next === "P") {
        // RE2 `\pL`, `\p{Greek}`: JS wants braces, and `Script=` for script names.
        const braced = pattern[i] === "{" ? /^\{(\^?)([A-Za-z_]+)\}/.exec(pattern.slice(i)) : null;
        const name = braced ? braced[2] : pattern[i];
        if (name === undefined || (pattern[i] === "{" && !braced))
          unsupported(pattern, "this \\p class");
        const negated = braced?.[1] === "^" ? (next === "p" ? "P" : "p") : next;
        out += `\\${negated}{${unicodeProperty(name)}}`;
        i += braced ? braced[0].length : 1;
      } else if (next === "x" && pattern[i] === "{") {
        const hexDigits = /^\{([0-9A-Fa-f]{1,6})\}/.exec(pattern.slice(i));
        if (!hexDigits) unsupported(pattern, "this \\x escape");
        out += `\\u{${hexDigits[1]}}`;
        i += hexDigits[0].length;
      } else if (/[\x21-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E]/.test(next)) {
        // JS unicode mode rejects identity escapes like `\_` or `\<` that RE2 accepts.
        out += hexEscape(next);
      } else out += `\\${next}`;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i));
      if (posix) {
        const body = POSIX_CLASSES.get(posix[2] ?? "");
        if (body === undefined || posix[1]) unsupported(pattern, `class ${posix[0]}`);
        out += body;
        i += posix[0].length;
        continue;
      }
      if (c === "]") inClass = false;
      out += c === "[" ? "\\[" : c;
      i += 1;
      continue;
    }
    i += 1;
    if (c === "[") {
      inClass = true;
      out += c;
      if (pattern[i] === "^") {
        out += "^";
        i += 1;
      }
      // RE2, like POSIX, reads a `]` right after the opening bracket as a literal.
      if (pattern[i] === "]") {
        out += "\\]";
        i += 1;
      }
    } else if (c === "(" && next === "?") {
      const rest = pattern.slice(i + 1);
      i += 1; // past the `?`
      if (rest.startsWith(":") || /^<[A-Za-z_]/.test(rest)) out += "(?";
      else if (rest.startsWith("P<")) {
        out += "(?"; // RE2's (?P<name>…) is JS's (?<name>…)
        i += 1;
      } else if (/^(=|!|<=|<!)/.test(rest)) unsupported(pattern, "lookaround");
      else if (rest.startsWith("P=")) unsupported(pattern, "a backreference");
      else unsupported(pattern, "an inline flag group");
    } else if (c === "{") {
      // A `{` that does not start a counted repetition is a literal in RE2, an error in JS.
      const counted = /^\d+(,\d*)?\}/.exec(pattern.slice(i))?.[0];
      out += counted === undefined ? "\\{" : `{${counted}`;
      i += counted?.length ?? 0;
    } else if (c === "}" || c === "]") out += `\\${c}`;
    else if (c === "." && !flags.includes("s"))
      out += "[^\\n]"; // RE2's `.` only stops at \n.
    else out += c;
  }
  if (inClass) unsupported(pattern, "an unterminated character class");
  return { source: out, flags };
}

/**
 * Compiles (or fetches from a bounded LRU cache) a RE2 pattern for one use: `whole` anchors
 * both ends (`matches()` is a whole-string match), `global` finds all (`replace()`), `sticky`
 * matches at `lastIndex` (`split()`). Invalid or unsupported patterns are RulesEvalErrors.
 */
export function compileRegex(pattern: string, mode: Mode): RegExp {
  const key = `${mode}\u0000${pattern}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const { source, flags } = translate(pattern);
  let re: RegExp;
  try {
    if (mode === "whole") {
      // With (?m), `^`/`$` would match at line breaks; the lookarounds always mean the ends.
      const body = flags.includes("m") ? `(?<![^])(?:${source})(?![^])` : `^(?:${source})$`;
      re = new RegExp(body, `${flags}u`);
    } else re = new RegExp(source, `${flags}u${mode === "global" ? "g" : "y"}`);
  } catch (e) {
    return fail(`Invalid regular expression '${pattern}': ${(e as Error).message}`);
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, re);
  return re;
}

/** `s.matches(re)`: true only if the whole string matches. */
export function regexMatches(s: string, pattern: string): boolean {
  return compileRegex(pattern, "whole").test(s);
}

/** `s.replace(re, sub)`: every match replaced by `sub` taken literally (no `$1` expansion). */
export function regexReplace(s: string, pattern: string, sub: string): string {
  return s.replace(compileRegex(pattern, "global"), () => sub);
}

/**
 * `s.split(re)`: the pieces between matches. Follows JS `String.prototype.split` (an empty
 * match at the current piece's start does not split; `'abc'.split('')` gives each character)
 * except that capture groups are not spliced in, and an empty string gives `['']`.
 */
export function regexSplit(s: string, pattern: string): string[] {
  const re = compileRegex(pattern, "sticky");
  if (s.length === 0) return [""];
  const pieces: string[] = [];
  let p = 0;
  let q = 0;
  while (q < s.length) {
    re.lastIndex = q;
    const end = re.test(s) ? re.lastIndex : -1;
    if (end < 0 || end === p) q = advance(s, q);
    else {
      pieces.push(s.slice(p, q));
      p = end;
      q = p;
    }
  }
  pieces.push(s.slice(p));
  return pieces;
}

/** Next index, stepping over a whole surrogate pair as unicode-mode matching does. */
function advance(s: string, q: number): number {
  const c = s.charCodeAt(q);
  return c >= 0xd800 && c <= 0xdbff && q + 1 < s.length ? q + 2 : q + 1;
}
