import { describe, expect, it } from "vitest";
import { decide, firestoreRules } from "../test-support.js";

const get = (path: string, extra = {}) => ({
  method: "get" as const,
  path,
  uid: "alice",
  ...extra,
});

describe("match semantics", () => {
  it("does not cascade to subcollections", () => {
    const rules = firestoreRules(`match /cities/{city} { allow read; }`);
    expect(decide(rules, get("cities/sf")).allowed).toBe(true);
    expect(decide(rules, get("cities/sf/landmarks/coit")).allowed).toBe(false);
  });

  it("nests match paths relative to their parent and binds wildcards as strings", () => {
    const rules = firestoreRules(
      `match /cities/{city} { match /landmarks/{l} { allow read: if city == 'sf' && l is string; } }`,
    );
    expect(decide(rules, get("cities/sf/landmarks/coit")).allowed).toBe(true);
    expect(decide(rules, get("cities/la/landmarks/coit")).allowed).toBe(false);
  });

  it("in version 2, {rest=**} matches zero or more segments anywhere", () => {
    const rules = firestoreRules(`match /{path=**}/posts/{post} { allow read; }`);
    expect(decide(rules, get("posts/p1")).allowed).toBe(true);
    expect(decide(rules, get("users/u/posts/p1")).allowed).toBe(true);
  });

  it("in version 1, {rest=**} needs at least one segment", () => {
    const rules = firestoreRules(`match /docs/{rest=**} { allow read; }`, "1");
    expect(decide(rules, get("docs/a")).allowed).toBe(true);
    const v2 = firestoreRules(`match /docs/{rest=**} { allow read; }`, "2");
    expect(decide(rules, get("docs/a/b/c")).allowed).toBe(true);
    expect(decide(v2, get("docs/a/b/c")).allowed).toBe(true);
  });

  it("binds a recursive wildcard as a path", () => {
    const rules = firestoreRules(
      `match /{rest=**} { allow read: if rest is path && rest[0] == 'a'; }`,
    );
    expect(decide(rules, get("a/b")).allowed).toBe(true);
  });

  it("grants when any applicable allow is true: a broad grant is not narrowed", () => {
    const rules = firestoreRules(
      `match /{doc=**} { allow read: if true; } match /secret/{id} { allow read: if false; }`,
    );
    expect(decide(rules, get("secret/x")).allowed).toBe(true);
  });

  it("expands read and write, and keeps get apart from list", () => {
    const rules = firestoreRules(`match /a/{id} { allow get; } match /b/{id} { allow write; }`);
    expect(decide(rules, get("a/1")).allowed).toBe(true);
    expect(decide(rules, { method: "list", path: "a", uid: "alice" }).allowed).toBe(false);
    expect(decide(rules, { method: "delete", path: "b/1", uid: "alice" }).allowed).toBe(true);
  });
});

describe("error absorption by && and ||", () => {
  const cases: Array<[string, boolean]> = [
    ["request.auth.nope || true", true],
    ["true || request.auth.nope", true],
    ["request.auth.nope || false", false],
    ["request.auth.nope && false", false],
    ["request.auth.nope && true", false],
    ["(request.auth.nope && false) || true", true],
    ["!(request.auth.nope == 1)", false],
    ["request.auth.nope != 'x'", false],
    ["request.auth.nope == 1 ? true : true", false],
    ["1 == 1 ? true : request.auth.nope", true],
  ];
  for (const [condition, allowed] of cases) {
    it(`${condition} → ${allowed ? "allow" : "deny"}`, () => {
      const rules = firestoreRules(`match /t/{id} { allow read: if ${condition}; }`);
      expect(decide(rules, get("t/1")).allowed).toBe(allowed);
    });
  }

  it("requires booleans: a string condition denies", () => {
    const rules = firestoreRules(`match /t/{id} { allow read: if resource.data.flag || false; }`);
    expect(decide(rules, get("t/1", { resource: { flag: "yes" } })).allowed).toBe(false);
  });
});

describe("functions", () => {
  it("may be called before their definition, and inner declarations shadow outer ones", () => {
    const rules = firestoreRules(`
    function answer() { return 1; }
    match /t/{id} {
      allow read: if answer() == 2 && helper(id);
      function answer() { return 2; }
    }
    function helper(x) { let y = x + '!'; return y == 'ok!'; }`);
    expect(decide(rules, get("t/ok")).allowed).toBe(true);
    expect(decide(rules, get("t/no")).allowed).toBe(false);
  });

  it("see the wildcards of the match they are declared in", () => {
    const rules = firestoreRules(
      `match /users/{uid} { function mine() { return request.auth.uid == uid; } allow read: if mine(); }`,
    );
    expect(decide(rules, get("users/alice")).allowed).toBe(true);
    expect(decide(rules, get("users/bob")).allowed).toBe(false);
  });

  it("deny past the call-depth limit instead of recursing forever", () => {
    const rules = firestoreRules(
      `function f(n) { return f(n + 1); } match /t/{id} { allow read: if f(0); }`,
    );
    const { allowed, verdicts } = decide(rules, get("t/1"));
    expect(allowed).toBe(false);
    expect(verdicts[0]!.attempts[0]!.error?.message).toMatch(/nested deeper than 20/);
  });
});

describe("document lookups", () => {
  const path = (p: string) => `/databases/$(database)/documents/${p}`;

  it("get() reads a document's data; a missing document is an error", () => {
    const rules = firestoreRules(
      `match /t/{id} { allow read: if get(${path("roles/$(request.auth.uid)")}).data.admin == true; }`,
    );
    expect(
      decide(rules, get("t/1", { documents: { "roles/alice": { admin: true } } })).allowed,
    ).toBe(true);
    expect(decide(rules, get("t/1")).allowed).toBe(false);
  });

  it("counts each distinct document once and denies past 10", () => {
    const calls = (n: number) =>
      Array.from({ length: n }, (_, i) => `exists(${path(`d/x${i}`)})`).join(" && ");
    const documents = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`d/x${i}`, {}]));
    const ten = firestoreRules(
      `match /t/{id} { allow read: if ${calls(10)} && exists(${path("d/x0")}); }`,
    );
    const eleven = firestoreRules(`match /t/{id} { allow read: if ${calls(11)}; }`);
    expect(decide(ten, get("t/1", { documents })).allowed).toBe(true);
    const over = decide(eleven, get("t/1", { documents }));
    expect(over.allowed).toBe(false);
    expect(over.verdicts[0]!.attempts[0]!.error?.message).toMatch(/more than 10 document lookups/);
  });
});

describe("explanations", () => {
  it("name the failing sub-expression's line and column", () => {
    const rules = firestoreRules(
      `match /t/{id} {\n      allow read: if request.auth != null\n        && resource.data.owner == request.auth.uid;\n    }`,
    );
    const { verdicts } = decide(rules, get("t/1", { resource: { title: "x" } }));
    const attempt = verdicts[0]!.attempts[0]!;
    expect(attempt.outcome).toBe("error");
    expect(attempt.match).toBe("/databases/{database}/documents/t/{id}");
    expect(attempt.error).toEqual({
      message: "Property owner is undefined on object.",
      location: { line: 6, column: 25 },
    });
  });
});

describe("explanations of a false condition", () => {
  it("name the first && operand that was false, as source text", () => {
    const rules = firestoreRules(
      `match /t/{id} { allow read: if request.auth != null && id == 'open' && true; }`,
    );
    const { verdicts } = decide(rules, get("t/closed"));
    expect(verdicts[0]!.attempts[0]!.falseAt).toEqual({
      expression: "id == 'open'",
      location: { line: 4, column: 56 },
    });
  });
});

describe("explanations of what matched", () => {
  it("list every block that matched the whole path, even without an applicable allow", () => {
    const rules = firestoreRules(`match /{doc=**} { allow write; } match /t/{id} { allow list; }`);
    const { allowed, verdicts } = decide(rules, get("t/1"));
    expect(allowed).toBe(false);
    expect(verdicts[0]!.matched).toEqual([
      "/databases/{database}/documents/{doc=**}",
      "/databases/{database}/documents/t/{id}",
    ]);
    expect(verdicts[0]!.attempts).toEqual([]);
  });
});
