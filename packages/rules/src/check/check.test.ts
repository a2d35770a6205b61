import { describe, expect, it } from "vitest";
import { parseRules } from "../syntax/parser.js";
import { checkRules, type Diagnostic } from "./index.js";

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

/** A Storage file whose body starts at line 4. */
function storage(...body: string[]): string[] {
  return [
    "rules_version = '2';",
    "service firebase.storage {",
    "  match /b/{bucket}/o {",
    ...body,
    "  }",
    "}",
  ];
}

describe("names", () => {
  it("reports an undefined function at its name", () => {
    const ds = check(
      firestore("    match /a/{id} {", "      allow read: if isOwner(id);", "    }"),
    );
    expect(brief(ds)).toEqual([
      { code: "undefined-function", severity: "error", line: 5, column: 22 },
    ]);
    expect(ds[0]!.message).toBe("undefined function isOwner()");
  });

  it("reports an unknown namespaced function at the namespace", () => {
    const ds = check(
      firestore("    match /a/{id} {", "      allow read: if math.cbrt(8) == 2;", "    }"),
    );
    expect(brief(ds)).toEqual([
      { code: "undefined-function", severity: "error", line: 5, column: 22 },
    ]);
    expect(ds[0]!.message).toBe("undefined function math.cbrt()");
  });

  it("reports an undefined variable, and accepts wildcards, request and resource", () => {
    const ds = check(
      firestore(
        "    match /a/{id} {",
        "      allow read: if id == request.auth.uid && resource.data.x == databse;",
        "    }",
      ),
    );
    expect(brief(ds)).toEqual([
      { code: "undefined-variable", severity: "error", line: 5, column: 67 },
    ]);
    expect(ds[0]!.message).toBe("undefined variable 'databse'");
  });

  it("does not let a function see the wildcards of a match it is not declared in", () => {
    const ds = check(
      firestore(
        "    function owns() { return request.auth.uid == id; }",
        "    match /a/{id} {",
        "      allow read: if owns();",
        "    }",
      ),
    );
    expect(brief(ds)).toEqual([
      { code: "undefined-variable", severity: "error", line: 4, column: 50 },
    ]);
  });

  it("accepts namespaces only as ns.fn(…)", () => {
    const ok = check(
      firestore("    match /a/{id} {", "      allow read: if math.abs(-1) == 1;", "    }"),
    );
    expect(ok).toEqual([]);
    const ds = check(firestore("    match /a/{id} {", "      allow read: if math == 1;", "    }"));
    expect(brief(ds)).toEqual([
      { code: "undefined-variable", severity: "error", line: 5, column: 22 },
    ]);
    expect(ds[0]!.message).toMatch(/'math' is a namespace/);
  });

  it("reports a let used before its binding", () => {
    const ds = check(
      firestore(
        "    function f() {",
        "      let a = b + 1;",
        "      let b = 1;",
        "      return a == 2;",
        "    }",
        "    match /a/{id} { allow read: if f(); }",
      ),
    );
    expect(brief(ds)).toEqual([
      { code: "undefined-variable", severity: "error", line: 5, column: 15 },
    ]);
    expect(ds[0]!.message).toMatch(/before its let binding/);
  });

  it("reports calling a variable", () => {
    const ds = check(firestore("    match /a/{id} {", "      allow read: if id() == 1;", "    }"));
    expect(brief(ds)).toEqual([{ code: "not-callable", severity: "error", line: 5, column: 22 }]);
  });
});

describe("arity", () => {
  it("checks user functions", () => {
    const ds = check(
      firestore(
        "    function owns(uid) { return request.auth.uid == uid; }",
        "    match /a/{id} {",
        "      allow read: if owns(id, 1);",
        "    }",
      ),
    );
    expect(brief(ds)).toEqual([{ code: "wrong-arity", severity: "error", line: 6, column: 22 }]);
    expect(ds[0]!.message).toBe(
      "owns() takes 1 argument but is called with 2 (declared at line 4)",
    );
  });

  it.each([
    ["get(/databases/x/documents/a/b, 1) != null", "get() takes 1 argument, got 2"],
    ["debug() == 1", "debug() takes 1 argument, got 0"],
    ["int('1', 2) == 1", "int() takes 1 argument, got 2"],
    ["math.pow(2) == 4.0", "math.pow() takes 2 arguments, got 1"],
    ["timestamp.date(2020, 1) != null", "timestamp.date() takes 3 arguments, got 2"],
    ["duration.time(1, 2, 3) != null", "duration.time() takes 4 arguments, got 3"],
    ["duration.value(1) != null", "duration.value() takes 2 arguments, got 1"],
    ["latlng.value(1.0) != null", "latlng.value() takes 2 arguments, got 1"],
  ])("checks built-ins: %s", (condition, message) => {
    const ds = check(
      firestore("    match /a/{id} {", `      allow read: if ${condition};`, "    }"),
    );
    expect(brief(ds)).toEqual([{ code: "wrong-arity", severity: "error", line: 5, column: 22 }]);
    expect(ds[0]!.message).toBe(message);
  });

  it("checks firestore.get in Storage", () => {
    const ds = check(
      storage("    match /f/{id} {", "      allow read: if firestore.exists() ;", "    }"),
      "storage.rules",
    );
    expect(brief(ds)).toEqual([{ code: "wrong-arity", severity: "error", line: 5, column: 22 }]);
  });
});

describe("services", () => {
  it("reports get() in a Storage file", () => {
    const ds = check(
      storage(
        "    match /f/{id} {",
        "      allow read: if get(/databases/x/documents/a/b) != null;",
        "    }",
      ),
      "storage.rules",
    );
    expect(brief(ds)).toEqual([{ code: "wrong-service", severity: "error", line: 5, column: 22 }]);
    expect(ds[0]!.message).toBe(
      "get() exists only in Firestore rules; Storage rules use firestore.get()",
    );
  });

  it("reports firestore.get() in a Firestore file", () => {
    const ds = check(
      firestore(
        "    match /a/{id} {",
        "      allow read: if firestore.exists(/databases/x/documents/a/b);",
        "    }",
      ),
    );
    expect(brief(ds)).toEqual([{ code: "wrong-service", severity: "error", line: 5, column: 22 }]);
  });

  it("accepts each service's own lookups", () => {
    expect(
      check(
        firestore(
          "    match /a/{id} {",
          "      allow write: if existsAfter(request.path);",
          "    }",
        ),
      ),
    ).toEqual([]);
    expect(
      check(
        storage(
          "    match /f/{id} {",
          "      allow read: if firestore.exists(/databases/x/documents/a/b);",
          "    }",
        ),
        "storage.rules",
      ),
    ).toEqual([]);
  });
});

describe("unsupported built-ins", () => {
  it("warns that production reports bool() and math.isInfinite() as not found", () => {
    const ds = check(
      firestore(
        "    match /a/{id} {",
        "      allow read: if bool('true');",
        "      allow write: if math.isInfinite(1.0);",
        "    }",
      ),
    );
    expect(brief(ds)).toEqual([
      { code: "unsupported-function", severity: "warning", line: 5, column: 22 },
      { code: "unsupported-function", severity: "warning", line: 6, column: 23 },
    ]);
    expect(ds[0]!.message).toContain('"Function not found error: Name: [bool]."');
    expect(ds[1]!.message).toContain("[math.isInfinite]");
  });
});
