import { describe, expect, it } from "vitest";
import { parseRules } from "../syntax/parser.js";
import { checkRules, type Diagnostic } from "./index.js";

function check(lines: string[]): Diagnostic[] {
  const source = lines.join("\n");
  return checkRules(parseRules(source, "firestore.rules"), source);
}

function brief(ds: Diagnostic[]) {
  return ds.map(({ code, severity, line, column }) => ({ code, severity, line, column }));
}

/** A Firestore file: `body` starts at line 3, inside the service block. */
function firestore(...body: string[]): string[] {
  return ["rules_version = '2';", "service cloud.firestore {", ...body, "}"];
}

/** A match at line `3 + n` that calls `calls` so functions count as used. */
function callingMatch(condition: string): string {
  return `  match /databases/{db}/documents/a/{id} { allow read: if ${condition}; }`;
}

describe("limits", () => {
  it("reports an eighth parameter", () => {
    const ds = check(
      firestore(
        "  function f(a, b, c, d, e, g, h, i) { return true; }",
        callingMatch("f(1, 2, 3, 4, 5, 6, 7, 8)"),
      ),
    );
    expect(brief(ds)).toEqual([
      { code: "too-many-params", severity: "error", line: 3, column: 35 },
    ]);
    expect(ds[0]!.message).toBe("f() has 8 parameters; production allows at most 7");
  });

  it("accepts seven parameters and ten lets", () => {
    const lets = Array.from({ length: 10 }, (_, i) => `    let v${i} = ${i};`);
    const ds = check(
      firestore(
        "  function f(a, b, c, d, e, g, h) {",
        ...lets,
        "    return a == v9;",
        "  }",
        callingMatch("f(1, 2, 3, 4, 5, 6, 7)"),
      ),
    );
    expect(ds).toEqual([]);
  });

  it("reports an eleventh let at its name", () => {
    const lets = Array.from({ length: 11 }, (_, i) => `    let v${i} = ${i};`);
    const ds = check(
      firestore("  function f() {", ...lets, "    return true;", "  }", callingMatch("f()")),
    );
    expect(brief(ds)).toEqual([{ code: "too-many-lets", severity: "error", line: 14, column: 9 }]);
  });
});

describe("names inside functions", () => {
  it("reports a duplicate parameter", () => {
    const ds = check(firestore("  function f(a, b, a) { return a; }", callingMatch("f(1, 2, 3)")));
    expect(brief(ds)).toEqual([
      { code: "duplicate-param", severity: "error", line: 3, column: 20 },
    ]);
  });

  it("reports a let that redeclares a parameter or another let", () => {
    const ds = check(
      firestore(
        "  function f(a) {",
        "    let a = 1;",
        "    let b = 2;",
        "    let b = 3;",
        "    return a == b;",
        "  }",
        callingMatch("f(1)"),
      ),
    );
    expect(brief(ds)).toEqual([
      { code: "let-shadows-param", severity: "error", line: 4, column: 9 },
      { code: "duplicate-let", severity: "error", line: 6, column: 9 },
    ]);
  });

  it("warns when a parameter or let hides request or resource", () => {
    const ds = check(
      firestore(
        "  function f(request) {",
        "    let resource = 1;",
        "    return request == resource;",
        "  }",
        callingMatch("f(1)"),
      ),
    );
    expect(brief(ds)).toEqual([
      { code: "shadows-global", severity: "warning", line: 3, column: 14 },
      { code: "shadows-global", severity: "warning", line: 4, column: 9 },
    ]);
  });
});

describe("declarations", () => {
  it("warns for the earlier of two same-named functions in one scope", () => {
    const ds = check(
      firestore(
        "  function f() { return true; }",
        "  function f() { return false; }",
        callingMatch("f()"),
      ),
    );
    expect(brief(ds)).toEqual([
      { code: "duplicate-function", severity: "warning", line: 3, column: 12 },
    ]);
    expect(ds[0]!.message).toMatch(/declared again at line 4 .* the later declaration wins/);
  });

  it("lets an inner declaration shadow an outer one without a warning", () => {
    const ds = check(
      firestore(
        "  function f() { return true; }",
        "  match /databases/{db}/documents/a/{id} {",
        "    function f() { return false; }",
        "    allow read: if f();",
        "  }",
        callingMatch("f()"),
      ),
    );
    expect(ds).toEqual([]);
  });

  it("warns for a function never called", () => {
    const ds = check(firestore("  function unused() { return true; }", callingMatch("true")));
    expect(brief(ds)).toEqual([
      { code: "unused-function", severity: "warning", line: 3, column: 12 },
    ]);
  });

  it("resolves calls to functions declared later, and global functions", () => {
    const ds = check([
      "rules_version = '2';",
      "function isAdmin() { return request.auth.token.admin == true; }",
      "service cloud.firestore {",
      "  match /databases/{db}/documents/a/{id} {",
      "    allow read: if signedIn() && isAdmin();",
      "  }",
      "  function signedIn() { return request.auth != null; }",
      "}",
    ]);
    expect(ds).toEqual([]);
  });
});

describe("recursion", () => {
  it("reports a function calling itself at the call", () => {
    const ds = check(
      firestore("  function f(n) { return n == 0 || f(n - 1); }", callingMatch("f(3)")),
    );
    expect(brief(ds)).toEqual([{ code: "recursion", severity: "error", line: 3, column: 36 }]);
    expect(ds[0]!.message).toMatch(/^f\(\) calls itself; production forbids/);
  });

  it("reports a cycle once, at the call that closes it", () => {
    const ds = check(
      firestore(
        "  function a() { return b(); }",
        "  function b() { return c(); }",
        "  function c() { return a(); }",
        callingMatch("a()"),
      ),
    );
    expect(brief(ds)).toEqual([{ code: "recursion", severity: "error", line: 5, column: 25 }]);
    expect(ds[0]!.message).toMatch(/^cyclical calls a\(\) → b\(\) → c\(\) → a\(\)/);
  });

  it("does not mistake a shared helper for a cycle", () => {
    const ds = check(
      firestore(
        "  function h() { return true; }",
        "  function a() { return h() && b(); }",
        "  function b() { return h(); }",
        callingMatch("a() && b()"),
      ),
    );
    expect(ds).toEqual([]);
  });

  it("warns for a chain of calls deeper than 20", () => {
    const chain = Array.from(
      { length: 21 },
      (_, i) => `  function f${i}() { return ${i === 20 ? "true" : `f${i + 1}()`}; }`,
    );
    const ds = check(firestore(...chain, callingMatch("f0()")));
    expect(brief(ds)).toEqual([{ code: "call-depth", severity: "warning", line: 24, column: 59 }]);
  });
});
