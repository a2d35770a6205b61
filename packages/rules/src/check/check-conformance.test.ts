import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseRules } from "../syntax/parser.js";
import { checkRules, formatDiagnostic } from "./index.js";

const CORPUS = "/work/shared/conformance/rules";

/** Every `.rules` file of the conformance corpus, as `folder/file` and its text. */
function corpus(): Array<{ name: string; source: string }> {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(CORPUS, d.name))
        .filter((f) => f.endsWith(".rules"))
        .map((f) => ({
          name: `${d.name}/${f}`,
          source: readFileSync(join(CORPUS, d.name, f), "utf8"),
        })),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}

describe("the conformance corpus", () => {
  const files = corpus();

  it("has files to check", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  // Every one of these files runs in production, so none may have an error.
  it.each(files.map((f) => [f.name, f.source] as const))("%s has no errors", (name, source) => {
    const errors = checkRules(parseRules(source, name), source).filter(
      (d) => d.severity === "error",
    );
    if (errors.length > 0) console.log(errors.map(formatDiagnostic).join("\n\n"));
    expect(errors).toEqual([]);
  });
});

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  "f(",
  ")",
  "x.",
  ".foo()",
  "{a=**}/",
  "let y = 1;",
  "match /q/{z} { }",
  "function g(a, a) { return g(a); }",
  "allow read, read: if 1;",
  "{1: 2}",
  " is nothing",
  "get(/a/b)",
  "firestore.get(/a)",
  "math.pow(1)",
  "request",
];

describe("robustness", () => {
  it("never throws on any file the parser accepts", () => {
    const next = random(20260);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const files = corpus();
    let parsed = 0;
    for (let round = 0; round < 3000; round++) {
      let source = pick(files).source;
      for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits--) {
        const at = Math.floor(next() * source.length);
        source =
          next() < 0.5
            ? source.slice(0, at) + source.slice(at + 1 + Math.floor(next() * 8))
            : source.slice(0, at) + pick(SNIPPETS) + source.slice(at);
      }
      let ast;
      try {
        ast = parseRules(source, "fuzz.rules");
      } catch {
        continue;
      }
      parsed++;
      expect(() => checkRules(ast, source), source).not.toThrow();
      // A source that does not match the AST (only offsets differ) must not throw either.
      expect(() => checkRules(ast, "")).not.toThrow();
    }
    expect(parsed).toBeGreaterThan(300);
  });
});
