import { describe, expect, it } from "vitest";
import { parseRules } from "../syntax/parser.js";
import { checkRules, formatDiagnostic, type Diagnostic } from "./index.js";

/** Checks `source` (lines joined with \n) and keeps code, severity and position. */
function check(lines: string[], file = "firestore.rules"): Diagnostic[] {
  const source = lines.join("\n");
  return checkRules(parseRules(source, file), source);
}

function brief(ds: Diagnostic[]) {
  return ds.map(({ code, severity, line, column }) => ({ code, severity, line, column }));
}

/** A Firestore file whose body starts at line 4, indented by 4. */
function firestore(...body: string[]): string[] {
  return [
    "rules_version = '2';",
    "service cloud.firestore {",
    "  match /databases/{database}/documents {",
    ...body,
    "  }",
    "}",
  ];
}

describe("methods", () => {
  it("reports a method no type has, at its name", () => {
    const ds = check(
      firestore("    match /a/{id} {", "      allow read: if id.startsWith('x');", "    }"),
    );
    expect(brief(ds)).toEqual([{ code: "unknown-method", severity: "error", line: 5, column: 25 }]);
    expect(ds[0]!.message).toBe("unknown method startsWith(): no type has it");
  });

  it("accepts a method some type has on an unknown receiver", () => {
    const ds = check(
      firestore(
        "    match /a/{id} {",
        "      allow read: if resource.data.tags.hasAny(['a']);",
        "    }",
      ),
    );
    expect(ds).toEqual([]);
  });

  it("reports a method missing on a literal's type as an error", () => {
    const ds = check(
      firestore("    match /a/{id} {", "      allow read: if 'abc'.keys().size() == 3;", "    }"),
    );
    expect(brief(ds)).toEqual([
      { code: "method-not-on-type", severity: "error", line: 5, column: 28 },
    ]);
  });

  it("warns for a missing map method on resource.data", () => {
    const ds = check(
      firestore(
        "    match /a/{id} {",
        "      allow read: if resource.data.hasAll(['a']);",
        "    }",
      ),
    );
    expect(brief(ds)).toEqual([
      { code: "method-not-on-type", severity: "warning", line: 5, column: 36 },
    ]);
  });
});

describe("expressions", () => {
  it("reports an unknown type after is", () => {
    const ds = check(
      firestore("    match /a/{id} {", "      allow read: if id is integer;", "    }"),
    );
    expect(brief(ds)).toEqual([{ code: "unknown-type", severity: "error", line: 5, column: 28 }]);
  });

  it("accepts every documented type name", () => {
    const types =
      "bool bytes float int list latlng number path map string timestamp duration set map_diff constraint";
    const condition = types
      .split(" ")
      .map((t) => `id is ${t}`)
      .join(" || ");
    expect(
      check(firestore("    match /a/{id} {", `      allow read: if ${condition};`, "    }")),
    ).toEqual([]);
  });

  it("reports a literal map key that is not a string", () => {
    const ds = check(
      firestore("    match /a/{id} {", "      allow read: if {'a': 1, 2: 3}.size() == 2;", "    }"),
    );
    expect(brief(ds)).toEqual([
      { code: "map-key-not-string", severity: "error", line: 5, column: 31 },
    ]);
    expect(ds[0]!.message).toBe("map keys must be strings, this key is an int");
  });

  it("reports a condition that is a non-bool literal, not `if false`", () => {
    const ds = check(
      firestore(
        "    match /a/{id} {",
        "      allow read: if false;",
        "      allow write: if 1;",
        "    }",
      ),
    );
    expect(brief(ds)).toEqual([
      { code: "condition-not-bool", severity: "error", line: 6, column: 23 },
    ]);
  });
});

describe("output", () => {
  it("formats like a compiler, with a caret", () => {
    const ds = check(firestore("    match /a/{id} {", "      allow read: if nope();", "    }"));
    expect(formatDiagnostic(ds[0]!)).toBe(
      [
        "firestore.rules:5:22: error: undefined function nope() [undefined-function]",
        "5 |       allow read: if nope();",
        `${" ".repeat(4 + 21)}^`,
      ].join("\n"),
    );
  });

  it("sorts by position", () => {
    const ds = check(
      firestore(
        "    match /b/{id} {",
        "      allow read: if y == x();",
        "    }",
        "    match /a/{id} {",
        "      allow read: if z;",
        "    }",
      ),
    );
    expect(ds.map((d) => [d.line, d.column])).toEqual([
      [5, 22],
      [5, 27],
      [8, 22],
    ]);
  });
});
