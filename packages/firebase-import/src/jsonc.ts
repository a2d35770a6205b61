// JSON with comments, as firebase-tools reads firebase.json: `//` and `/* */` comments and
// trailing commas are allowed. Written here (no dependency) because the report needs every
// value's line and column, and errors as `firebase.json:12:5: <reason>`.
import type { JsonMember, JsonObject, JsonValue, Position } from "./json-node.js";

/** A malformed file, named by file, line and column like a compiler error. */
export class JsoncSyntaxError extends Error {
  override readonly name = "JsoncSyntaxError";
  constructor(
    readonly file: string,
    readonly position: Position,
    readonly reason: string,
  ) {
    super(`${file}:${position.line}:${position.column}: ${reason}`);
  }
}

/** A key given twice in one object: kept (the last value wins) and reported, never dropped. */
export interface DuplicateKey {
  key: string;
  /** The dotted path of the object holding it, "" for the top level. */
  parentPath: string;
  first: Position;
  repeated: Position;
}

export interface ParsedJsonc {
  root: JsonValue;
  duplicates: DuplicateKey[];
}

// Deeper nesting than any config needs; the bound keeps recursion from overflowing the stack.
const MAX_DEPTH = 256;

/** @throws JsoncSyntaxError for any malformed input, empty input included. */
export function parseJsonc(text: string, file: string): ParsedJsonc {
  return new JsoncParser(text, file).parseDocument();
}

class JsoncParser {
  private offset = 0;
  private line = 1;
  private column = 1;
  private readonly duplicates: DuplicateKey[] = [];

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    // A byte-order mark is an encoding artefact, not content: skip it without moving column 1.
    if (text.charCodeAt(0) === 0xfeff) this.offset = 1;
  }

  parseDocument(): ParsedJsonc {
    this.skipTrivia();
    if (this.offset >= this.text.length) {
      this.fail(this.here(), "the file is empty: expected a JSON value");
    }
    const root = this.parseValue(0, "");
    this.skipTrivia();
    if (this.offset < this.text.length) {
      this.fail(this.here(), `unexpected ${this.describeNext()} after the end of the JSON value`);
    }
    return { root, duplicates: this.duplicates };
  }

  private parseValue(depth: number, path: string): JsonValue {
    if (depth > MAX_DEPTH) this.fail(this.here(), `nesting deeper than ${MAX_DEPTH} levels`);
    const position = this.here();
    const c = this.text[this.offset];
    if (c === "{") return this.parseObject(depth, path);
    if (c === "[") return this.parseArray(depth, path);
    if (c === '"') return { kind: "string", position, value: this.parseString() };
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.parseNumber();
    for (const [word, node] of [
      ["true", { kind: "boolean", position, value: true }],
      ["false", { kind: "boolean", position, value: false }],
      ["null", { kind: "null", position }],
    ] as const) {
      if (this.text.startsWith(word, this.offset) && !/[\w$]/.test(this.peek(word.length))) {
        this.advance(word.length);
        return node;
      }
    }
    if (c === "'") this.fail(position, "strings need double quotes, not single quotes");
    return this.fail(position, `expected a value but found ${this.describeNext()}`);
  }

  private parseObject(depth: number, path: string): JsonObject {
    const position = this.here();
    this.advance(1);
    const members: JsonMember[] = [];
    const seen = new Map<string, Position>();
    for (;;) {
      this.skipTrivia();
      if (this.peek() === "}") break;
      if (this.peek() !== '"') {
        this.fail(
          this.here(),
          `expected a property name in double quotes or '}' but found ${this.describeNext()}`,
        );
      }
      const keyPosition = this.here();
      const key = this.parseString();
      this.skipTrivia();
      if (this.peek() !== ":")
        this.fail(this.here(), `expected ':' after the property name "${key}"`);
      this.advance(1);
      this.skipTrivia();
      const childPath = path === "" ? key : `${path}.${key}`;
      const value = this.parseValue(depth + 1, childPath);
      const first = seen.get(key);
      if (first) this.duplicates.push({ key, parentPath: path, first, repeated: keyPosition });
      else seen.set(key, keyPosition);
      members.push({ key, keyPosition, value });
      this.skipTrivia();
      if (this.peek() === ",") this.advance(1);
      else if (this.peek() !== "}")
        this.fail(
          this.here(),
          `expected ',' or '}' after a property but found ${this.describeNext()}`,
        );
    }
    this.advance(1);
    return { kind: "object", position, members };
  }

  private parseArray(depth: number, path: string): JsonValue {
    const position = this.here();
    this.advance(1);
    const items: JsonValue[] = [];
    for (;;) {
      this.skipTrivia();
      if (this.peek() === "]") break;
      items.push(this.parseValue(depth + 1, `${path}[${items.length}]`));
      this.skipTrivia();
      if (this.peek() === ",") this.advance(1);
      else if (this.peek() !== "]")
        this.fail(
          this.here(),
          `expected ',' or ']' after a list entry but found ${this.describeNext()}`,
        );
    }
    this.advance(1);
    return { kind: "array", position, items };
  }

  private parseString(): string {
    const start = this.here();
    const from = this.offset;
    this.advance(1);
    for (;;) {
      const c = this.peek();
      if (c === "" || c === "\n" || c === "\r")
        this.fail(start, "unterminated string: the closing '\"' is missing");
      if (c === '"') break;
      if (c < " ") this.fail(this.here(), "a control character must be escaped inside a string");
      if (c === "\\") {
        const escape = this.peek(1);
        if (
          escape === "u" &&
          /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.offset + 2, this.offset + 6))
        )
          this.advance(6);
        else if (escape !== "" && `"\\/bfnrt`.includes(escape)) this.advance(2);
        else this.fail(this.here(), `invalid escape '\\${escape}' in a string`);
      } else this.advance(1);
    }
    this.advance(1);
    // The slice now is a valid JSON string literal, so JSON.parse decodes its escapes exactly.
    return JSON.parse(this.text.slice(from, this.offset)) as string;
  }

  private parseNumber(): JsonValue {
    const position = this.here();
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(
      this.text.slice(this.offset, this.offset + 400),
    );
    if (!match || /[\w.]/.test(this.peek(match[0].length))) this.fail(position, "malformed number");
    this.advance(match[0].length);
    return { kind: "number", position, value: Number(match[0]) };
  }

  /** Whitespace and comments, the only things allowed between tokens. */
  private skipTrivia(): void {
    for (;;) {
      const c = this.peek();
      if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\ufeff") this.advance(1);
      else if (c === "/" && this.peek(1) === "/") {
        while (this.peek() !== "" && this.peek() !== "\n") this.advance(1);
      } else if (c === "/" && this.peek(1) === "*") {
        const start = this.here();
        const end = this.text.indexOf("*/", this.offset + 2);
        if (end < 0) this.fail(start, "unclosed comment: '/*' has no matching '*/'");
        this.advance(end + 2 - this.offset);
      } else return;
    }
  }

  private peek(ahead = 0): string {
    return this.text[this.offset + ahead] ?? "";
  }

  private advance(count: number): void {
    for (let i = 0; i < count; i++) {
      const c = this.text[this.offset++];
      // "\r\n" is one line break: the "\r" ends the line only when no "\n" follows.
      if (c === "\n" || (c === "\r" && this.text[this.offset] !== "\n")) {
        this.line++;
        this.column = 1;
      } else this.column++;
    }
  }

  private here(): Position {
    return { line: this.line, column: this.column };
  }

  private describeNext(): string {
    const c = this.peek();
    if (c === "") return "the end of the file";
    return c === "\n" || c === "\r" ? "a line break" : `'${c}'`;
  }

  private fail(position: Position, reason: string): never {
    throw new JsoncSyntaxError(this.file, position, reason);
  }
}
