import { describe, expect, it } from "vitest";
import { parseRules } from "../syntax/parser.js";
import { checkRules, type Diagnostic } from "./index.js";

function check(lines: string[], file = "firestore.rules"): Diagnostic[] {
  const source = lines.join("\n");
  return checkRules(parseRules(source, file), source);
}

function brief(ds: Diagnostic[]) {
  return ds.map(({ code, severity, line, column }) => ({ code, severity, line, column }));
}

describe("recursive wildcards", () => {
  it("reports a second recursive wildcard in one match path", () => {
    const ds = check([
      "rules_version = '2';",
      "service cloud.firestore {",
      "  match /databases/{db}/documents/{a=**}/x/{b=**} {",
      "    allow read: if true;",
      "  }",
      "}",
    ]);
    expect(brief(ds)).toEqual([
      { code: "multiple-recursive-wildcards", severity: "error", line: 3, column: 44 },
    ]);
  });

  it("accepts a recursive wildcard anywhere in version 2", () => {
    const ds = check([
      "rules_version = '2';",
      "service cloud.firestore {",
      "  match /databases/{db}/documents {",
      "    match /{path=**}/posts/{post} { allow read: if true; }",
      "  }",
      "}",
    ]);
    expect(ds).toEqual([]);
  });

  it("in version 1, reports one followed by segments or by nested matches", () => {
    const ds = check([
      "service cloud.firestore {",
      "  match /databases/{db}/documents {",
      "    match /{path=**}/posts/{post} { allow read: if true; }",
      "    match /{rest=**} {",
      "      match /x/{y} { allow read: if true; }",
      "    }",
      "    match /ok/{all=**} { allow read: if true; }",
      "  }",
      "}",
    ]);
    expect(brief(ds)).toEqual([
      { code: "recursive-wildcard-not-last", severity: "error", line: 3, column: 12 },
      { code: "recursive-wildcard-not-last", severity: "error", line: 4, column: 12 },
    ]);
    expect(ds[0]!.message).toMatch(/segments follow it/);
    expect(ds[1]!.message).toMatch(/nested matches extend the path/);
  });
});

describe("nesting and names", () => {
  it("reports match blocks nested deeper than 10", () => {
    const depth = 11;
    const opens = Array.from({ length: depth }, (_, i) => `${" ".repeat(i)}match /s${i}/{w${i}} {`);
    const ds = check([
      "rules_version = '2';",
      "service firebase.storage {",
      ...opens.slice(0, -1),
      `${opens.at(-1)} allow read: if true; }`,
      ...Array.from({ length: depth - 1 }, () => "}"),
      "}",
    ]);
    expect(brief(ds)).toEqual([
      { code: "match-too-deep", severity: "error", line: 13, column: 11 },
    ]);
  });

  it("reports a nested match rebinding an enclosing wildcard", () => {
    const ds = check([
      "rules_version = '2';",
      "service cloud.firestore {",
      "  match /databases/{database}/documents {",
      "    match /users/{id} {",
      "      allow read: if true;",
      "      match /posts/{id} { allow read: if true; }",
      "    }",
      "  }",
      "}",
    ]);
    expect(brief(ds)).toEqual([
      { code: "duplicate-wildcard", severity: "error", line: 6, column: 20 },
    ]);
    expect(ds[0]!.message).toBe("wildcard 'id' is already bound at line 4, column 18");
  });

  it("reports a wildcard name repeated within one path", () => {
    const ds = check([
      "rules_version = '2';",
      "service firebase.storage {",
      "  match /b/{bucket}/o/{x}/{x} { allow read: if true; }",
      "}",
    ]);
    expect(brief(ds)).toEqual([
      { code: "duplicate-wildcard", severity: "error", line: 3, column: 27 },
    ]);
  });

  it("reports a 21st capture variable in nested matches", () => {
    const wildcards = Array.from({ length: 20 }, (_, i) => `/{w${i + 1}}`).join("");
    const ds = check([
      "rules_version = '2';",
      "service firebase.storage {",
      `  match /b/{bucket}/o${wildcards} { allow read: if true; }`,
      "}",
    ]);
    // {bucket} is the first capture, so {w20} is the 21st.
    expect(brief(ds)).toEqual([
      { code: "too-many-captures", severity: "error", line: 3, column: 128 },
    ]);
  });

  it("reports a 101st path segment", () => {
    const ds = check([
      "rules_version = '2';",
      "service firebase.storage {",
      `  match ${"/a".repeat(101)} { allow read: if true; }`,
      "}",
    ]);
    expect(brief(ds)).toEqual([{ code: "path-too-long", severity: "error", line: 3, column: 210 }]);
  });

  it("warns when a wildcard hides request or resource", () => {
    const ds = check([
      "rules_version = '2';",
      "service cloud.firestore {",
      "  match /databases/{database}/documents/{resource} {",
      "    allow read: if resource == 'x';",
      "  }",
      "}",
    ]);
    expect(brief(ds)).toEqual([
      { code: "shadows-global", severity: "warning", line: 3, column: 41 },
    ]);
  });

  it("warns for a match block that does nothing", () => {
    const ds = check([
      "rules_version = '2';",
      "service cloud.firestore {",
      "  match /databases/{database}/documents {",
      "    match /todo/{id} {",
      "      function later() { return true; }",
      "    }",
      "  }",
      "}",
    ]);
    expect(brief(ds)).toEqual([
      { code: "empty-match", severity: "warning", line: 4, column: 5 },
      { code: "unused-function", severity: "warning", line: 5, column: 16 },
    ]);
  });
});

describe("allow statements", () => {
  it("warns for a repeated method and for a granular method under its umbrella", () => {
    const ds = check([
      "rules_version = '2';",
      "service cloud.firestore {",
      "  match /databases/{database}/documents/a/{id} {",
      "    allow read, get: if true;",
      "    allow create, write, create: if true;",
      "  }",
      "}",
    ]);
    expect(brief(ds)).toEqual([
      { code: "duplicate-method", severity: "warning", line: 4, column: 17 },
      { code: "duplicate-method", severity: "warning", line: 5, column: 11 },
      { code: "duplicate-method", severity: "warning", line: 5, column: 26 },
    ]);
    expect(ds[0]!.message).toBe("'get' is already covered by 'read' in this allow");
    expect(ds[2]!.message).toBe("'create' is listed twice in this allow");
  });

  it("warns for a Storage list rule in version 1", () => {
    const ds = check(
      [
        "rules_version = '1';",
        "service firebase.storage {",
        "  match /b/{bucket}/o/{file} {",
        "    allow get, list: if true;",
        "  }",
        "}",
      ],
      "storage.rules",
    );
    expect(brief(ds)).toEqual([
      { code: "storage-list-v1", severity: "warning", line: 4, column: 16 },
    ]);
  });

  it("accepts a Storage list rule in version 2 and a Firestore one in version 1", () => {
    const storage = [
      "rules_version = '2';",
      "service firebase.storage { match /b/{bucket}/o/{file} { allow list; } }",
    ];
    expect(check(storage, "storage.rules")).toEqual([]);
    expect(
      check(["service cloud.firestore { match /databases/{d}/documents/{x} { allow list; } }"]),
    ).toEqual([]);
  });
});
