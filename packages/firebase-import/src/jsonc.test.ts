import { describe, expect, it } from "vitest";
import { memberOf, toPlain, type JsonValue } from "./json-node.js";
import { JsoncSyntaxError, parseJsonc } from "./jsonc.js";

function errorOf(text: string): JsoncSyntaxError {
  try {
    parseJsonc(text, "firebase.json");
  } catch (e) {
    if (e instanceof JsoncSyntaxError) return e;
    throw e;
  }
  throw new Error("expected a JsoncSyntaxError");
}

function member(value: JsonValue, key: string) {
  if (value.kind !== "object") throw new Error("not an object");
  const found = memberOf(value, key);
  if (!found) throw new Error(`no ${key}`);
  return found;
}

describe("parseJsonc", () => {
  it("reads comments, trailing commas and keeps each key's line and column", () => {
    const text =
      '{\n  // hosting first\n  "hosting": { "public": "dist", },\n  /* then */ "n": [1, -2.5e3,],\n}';
    const { root, duplicates } = parseJsonc(text, "firebase.json");
    expect(toPlain(root)).toEqual({ hosting: { public: "dist" }, n: [1, -2500] });
    expect(member(root, "hosting").keyPosition).toEqual({ line: 3, column: 3 });
    expect(member(member(root, "hosting").value, "public").keyPosition).toEqual({
      line: 3,
      column: 16,
    });
    expect(member(root, "n").keyPosition).toEqual({ line: 4, column: 14 });
    expect(duplicates).toEqual([]);
  });

  it("decodes escapes and counts CRLF as one line break", () => {
    const { root } = parseJsonc('{"a": "x\\"y\\u0041\\n",\r\n"b": true}', "f.json");
    expect(toPlain(root)).toEqual({ a: 'x"yA\n', b: true });
    expect(member(root, "b").keyPosition).toEqual({ line: 2, column: 1 });
  });

  it("skips a byte-order mark without shifting columns", () => {
    const { root } = parseJsonc('\ufeff{"a": null}', "f.json");
    expect(member(root, "a").keyPosition).toEqual({ line: 1, column: 2 });
  });

  it("reports duplicate keys with both positions and keeps the last value", () => {
    const { root, duplicates } = parseJsonc(
      '{"hosting": {"public": "a",\n "public": "b"}}',
      "f.json",
    );
    expect(duplicates).toEqual([
      {
        key: "public",
        parentPath: "hosting",
        first: { line: 1, column: 14 },
        repeated: { line: 2, column: 2 },
      },
    ]);
    expect(toPlain(root)).toEqual({ hosting: { public: "b" } });
  });

  it.each([
    ["an empty file", "", "firebase.json:1:1: the file is empty: expected a JSON value"],
    [
      "only a comment",
      "// nothing\n",
      "firebase.json:2:1: the file is empty: expected a JSON value",
    ],
    [
      "an unterminated string",
      '{\n  "hosting": "dist\n}',
      "firebase.json:2:14: unterminated string: the closing '\"' is missing",
    ],
    [
      "an unclosed comment",
      '{\n  /* no end\n  "a": 1 }',
      "firebase.json:2:3: unclosed comment: '/*' has no matching '*/'",
    ],
    [
      "a missing comma",
      '{\n  "a": 1\n  "b": 2\n}',
      "firebase.json:3:3: expected ',' or '}' after a property but found '\"'",
    ],
    [
      "a missing brace",
      '{"a": {"b": 1}',
      "firebase.json:1:15: expected ',' or '}' after a property but found the end of the file",
    ],
    [
      "a file cut in half",
      '{\n  "hosting": {\n    "public": "di',
      "firebase.json:3:15: unterminated string: the closing '\"' is missing",
    ],
    [
      "a list cut after a comma",
      '{"a": [1,',
      "firebase.json:1:10: expected a value but found the end of the file",
    ],
    [
      "single quotes",
      "{'a': 1}",
      "firebase.json:1:2: expected a property name in double quotes or '}' but found '''",
    ],
    ["a bare word", '{"a": yes}', "firebase.json:1:7: expected a value but found 'y'"],
    ["a bad number", '{"a": 01}', "firebase.json:1:7: malformed number"],
    ["a bad escape", '{"a": "\\x"}', "firebase.json:1:8: invalid escape '\\x' in a string"],
    [
      "text after the value",
      "{} {}",
      "firebase.json:1:4: unexpected '{' after the end of the JSON value",
    ],
  ])("refuses %s with file:line:column", (_what, text, message) => {
    const error = errorOf(text);
    expect(error.message).toBe(message);
    expect(error.file).toBe("firebase.json");
  });

  it("refuses nesting deep enough to overflow the stack, as an error", () => {
    expect(errorOf("[".repeat(10_000)).message).toMatch(
      /^firebase\.json:1:258: nesting deeper than 256 levels$/,
    );
  });
});
