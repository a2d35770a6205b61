import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isRulesSyntaxError, type RulesSyntaxError } from "../src/syntax/errors.js";
import { parseRules } from "../src/syntax/parser.js";
import { MALFORMED_CASES as CASES } from "./malformed-cases.js";
import { TEST_DIR } from "./support.js";

const MALFORMED_DIR = path.join(TEST_DIR, "malformed");
const read = (file: string) => readFileSync(path.join(MALFORMED_DIR, `${file}.rules`), "utf8");

function syntaxError(source: string, file: string): RulesSyntaxError {
  try {
    parseRules(source, file);
  } catch (e) {
    if (isRulesSyntaxError(e)) return e;
    throw e;
  }
  throw new Error(`${file} parsed without an error`);
}

describe("malformed rules files", () => {
  it("has a table row for every file and a file for every row", () => {
    const files = readdirSync(MALFORMED_DIR)
      .filter((f) => f.endsWith(".rules"))
      .map((f) => f.slice(0, -".rules".length));
    expect(files.sort()).toEqual(CASES.map((c) => c.file).sort());
    expect(CASES.length).toBeGreaterThanOrEqual(20);
  });

  it.each(CASES)("$file fails at $line:$column", ({ file, line, column, reason }) => {
    const error = syntaxError(read(file), `${file}.rules`);
    expect({ ...error.location, reason: error.reason }).toEqual({
      line,
      column,
      reason: expect.stringContaining(reason),
    });
    // The message reads like a compiler's and carries the caret excerpt.
    expect(error.message.startsWith(`${file}.rules:${line}:${column}: `)).toBe(true);
    expect(error.message).toMatch(/\n\d+ \| .*\n *\^$/);
  });

  it.each(CASES)("$file parses once repaired (it holds exactly one error)", ({ file, fix }) => {
    const source = read(file);
    expect(source).toContain(fix[0]);
    expect(() => parseRules(source.replace(fix[0], fix[1]), file)).not.toThrow();
  });
});

describe("an unclosed '(' in a path literal segment", () => {
  // Parenthesised segment text such as `(default)` must close before anything that is not a
  // path character, so a forgotten `)` cannot swallow interpolations, `;` or whole statements.
  const rules = (allows: string) =>
    `service cloud.firestore {\n  match /databases/{database}/documents {\n    match /users/{uid} {\n${allows}    }\n  }\n}\n`;
  it.each([
    {
      what: "swallows the interpolation after it",
      source: rules("      allow read: if exists(/databases/(default/documents/users/$(uid));\n"),
      column: 40,
    },
    {
      what: "swallows the next allow statement",
      source: rules(
        "      allow read: if request.path == /databases/(default;\n      allow write: if exists(/x/y);\n",
      ),
      column: 49,
    },
  ])("$what", ({ source, column }) => {
    const error = syntaxError(source, "paren.rules");
    expect({ ...error.location, reason: error.reason }).toEqual({
      line: 4,
      column,
      reason: expect.stringContaining("unclosed '('"),
    });
  });
});
