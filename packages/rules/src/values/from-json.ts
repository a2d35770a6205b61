/**
 * JSON → rules values, for test cases and emulator-style fixtures. JSON itself cannot tell
 * `100` from `100.0`, but the rules language can (`is int` vs `is float`), so the parser here
 * keeps numbers written with a fraction or an exponent as floats.
 */
import { fail } from "./errors.js";
import { parseTimestamp } from "./time.js";
import {
  RDuration,
  RFloat,
  RLatLng,
  RMap,
  RMapDiff,
  RPath,
  RSet,
  RTimestamp,
  type Value,
} from "./value.js";

/**
 * Parses JSON text into plain JS values (objects, arrays, strings, booleans, null), except
 * that numbers written with `.` or an exponent become `RFloat` (`100.0` stays a float) and the
 * rest are JS numbers. Throws SyntaxError on malformed input, with the offending offset.
 */
export function parseJsonPreservingFloats(text: string): unknown {
  const parser = new JsonParser(text);
  parser.space();
  const value = parser.value();
  parser.space();
  if (parser.pos < text.length) parser.error("unexpected trailing text");
  return value;
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

class JsonParser {
  pos = 0;
  constructor(private readonly text: string) {}

  error(message: string): never {
    throw new SyntaxError(`JSON: ${message} at offset ${this.pos}`);
  }

  space(): void {
    while (/[ \t\n\r]/.test(this.text[this.pos] ?? "")) this.pos++;
  }

  private expect(literal: string): void {
    if (!this.text.startsWith(literal, this.pos)) this.error(`expected '${literal}'`);
    this.pos += literal.length;
  }

  value(): unknown {
    const c = this.text[this.pos];
    switch (c) {
      case "{":
        return this.object();
      case "[":
        return this.array();
      case '"':
        return this.string();
      case "t":
        this.expect("true");
        return true;
      case "f":
        this.expect("false");
        return false;
      case "n":
        this.expect("null");
        return null;
    }
    return this.number();
  }

  private number(): number | RFloat {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) return this.error("unexpected character");
    this.pos += m[0].length;
    const n = Number(m[0]);
    return m[1] !== undefined || m[2] !== undefined ? new RFloat(n) : n;
  }

  private string(): string {
    this.pos++; // opening quote
    let out = "";
    for (;;) {
      // Copy the run of plain characters up to the next quote, backslash or control character.
      let end = this.pos;
      for (let code = this.text.charCodeAt(end); code >= 0x20 && code !== 0x22 && code !== 0x5c;) {
        code = this.text.charCodeAt(++end);
      }
      out += this.text.slice(this.pos, end);
      this.pos = end;
      const c = this.text[this.pos];
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c !== "\\")
        return this.error(c === undefined ? "unterminated string" : "control character in string");
      const e = this.text[this.pos + 1] ?? "";
      if (e === "u") {
        const hex = this.text.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.error("bad \\u escape");
        out += String.fromCharCode(parseInt(hex, 16)); // surrogate pairs join up by themselves
        this.pos += 6;
      } else {
        const ch = Object.hasOwn(ESCAPES, e) ? ESCAPES[e] : undefined;
        if (ch === undefined) this.error(`bad escape '\\${e}'`);
        out += ch;
        this.pos += 2;
      }
    }
  }

  private array(): unknown[] {
    this.pos++;
    const out: unknown[] = [];
    this.space();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.space();
      out.push(this.value());
      this.space();
      const c = this.text[this.pos++];
      if (c === "]") return out;
      if (c !== ",") this.error("expected ',' or ']'");
    }
  }

  private object(): Record<string, unknown> {
    this.pos++;
    const out: Record<string, unknown> = {};
    this.space();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.text[this.pos] !== '"') this.error("expected a string key");
      const key = this.string();
      this.space();
      this.expect(":");
      this.space();
      // defineProperty, so a "__proto__" key is data, not a prototype change.
      Object.defineProperty(out, key, {
        value: this.value(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.space();
      const c = this.text[this.pos++];
      if (c === "}") return out;
      if (c !== ",") this.error("expected ',' or '}'");
    }
  }
}

/**
 * Converts parsed JSON (from `parseJsonPreservingFloats`, or `JSON.parse`) to a rules value:
 * objects → `RMap`, except `{ "$timestamp": "<RFC 3339>" }` → `RTimestamp` with all nine
 * fraction digits; arrays → lists; `RFloat` kept; integral numbers → int; other numbers →
 * float; strings, booleans and null as they are. Values that already are rules values
 * (RMap, bytes…) pass through. Anything else (undefined, functions, unsafe integers) throws.
 */
export function toValue(json: unknown): Value {
  if (json === null || typeof json === "boolean" || typeof json === "string") return json;
  if (typeof json === "number") {
    if (!Number.isInteger(json)) return new RFloat(json);
    if (!Number.isSafeInteger(json)) fail(`integer ${json} is out of range`);
    return json === 0 ? 0 : json;
  }
  if (Array.isArray(json)) return json.map(toValue);
  if (isRulesObject(json)) return json;
  if (typeof json === "object") {
    const entries = Object.entries(json);
    if (entries.length === 1 && entries[0]?.[0] === "$timestamp") {
      const text = entries[0][1];
      const t = typeof text === "string" ? parseTimestamp(text) : undefined;
      return t ?? fail(`invalid $timestamp ${JSON.stringify(text)}`);
    }
    return new RMap(new Map(entries.map(([k, v]) => [k, toValue(v)])));
  }
  return fail(`cannot convert ${typeof json} to a rules value`);
}

function isRulesObject(x: unknown): x is Value {
  return (
    x instanceof RFloat ||
    x instanceof RMap ||
    x instanceof Uint8Array ||
    x instanceof RSet ||
    x instanceof RPath ||
    x instanceof RTimestamp ||
    x instanceof RDuration ||
    x instanceof RLatLng ||
    x instanceof RMapDiff
  );
}

/**
 * For JSON parsed by `JSON.parse`, where `100.0` has already become `100`: integral numbers
 * are ints, others floats. Use `parseJsonPreservingFloats` + `toValue` when the text is at hand.
 */
export function fromPlainJson(x: unknown): Value {
  return toValue(x);
}
