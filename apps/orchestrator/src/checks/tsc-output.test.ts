import { describe, expect, it } from "vitest";
import { parseTscOutput, typeErrorFinding } from "./tsc-output.js";

describe("parseTscOutput", () => {
  it("reads located errors, joins their elaborations, and keeps config errors", () => {
    const output = [
      "src/models/note.ts(121,14): error TS2322: Type 'string' is not assignable to type 'number'.",
      "src/app.tsx(3,1): error TS2345: Argument of type '{ a: 1; }' is not assignable.",
      "  Object literal may only specify known properties.",
      "error TS5083: Cannot read file '/workspace/tsconfig.node.json'.",
      "",
    ].join("\n");
    const errors = parseTscOutput(output);
    expect(errors.map(typeErrorFinding)).toEqual([
      "type error: src/models/note.ts:121:14 TS2322 Type 'string' is not assignable to type 'number'.",
      "type error: src/app.tsx:3:1 TS2345 Argument of type '{ a: 1; }' is not assignable. — " +
        "Object literal may only specify known properties.",
      "type error: TS5083 Cannot read file '/workspace/tsconfig.node.json'.",
    ]);
  });

  it("finds nothing in a clean run", () => {
    expect(parseTscOutput("")).toEqual([]);
  });
});
