import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import type { RulesProgram } from "../src/program.js";
import { isRulesSyntaxError } from "../src/syntax/errors.js";
import type { Ruleset } from "../src/syntax/ast.js";
import { parseRules } from "../src/syntax/parser.js";
import { printRules } from "../src/syntax/printer.js";
import { mulberry32, type Random } from "./random.js";
import { corpusFiles, stripLocations } from "./support.js";

const SEED = 20240611;
const TOTAL_MUTATIONS = 10_000;
/** Generous: a mutant parses in well under a millisecond; this only catches blow-ups. */
const BUDGET_MS = 100;

const PUNCTUATION = "{}()[];:.,'\"/$=!&|<>*+-%?";
const KEYWORDS = [
  "rules_version",
  "service",
  "match",
  "allow",
  "function",
  "let",
  "return",
  "if",
  "is",
  "in",
  "true",
  "null",
  "read",
  "write",
  "get",
  "cloud.firestore",
  "$(",
  "{x=**}",
  "b'",
  "/*",
  "//",
  "1e",
  "0.5",
  "\\",
  "'\\x",
  "/databases/$(database)/documents/",
  " ? a : ",
  "&&",
  "\n",
];
// Identifiers, numbers, quoted strings, two-character operators, then any other character.
const TOKEN =
  /[A-Za-z_]\w*|\d+(?:\.\d+)?|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|[=!<>]=|&&|\|\||\S/g;

type Mutation = (source: string, random: Random) => string;

const MUTATIONS: Mutation[] = [
  function deleteRange(s, random) {
    const at = random.int(s.length + 1);
    return s.slice(0, at) + s.slice(at + 1 + random.int(20));
  },
  function duplicateRange(s, random) {
    const at = random.int(s.length + 1);
    const end = at + 1 + random.int(40);
    return s.slice(0, end) + s.slice(at, end) + s.slice(end);
  },
  function swapTokens(s, random) {
    const tokens = [...s.matchAll(TOKEN)];
    const a = tokens[random.int(tokens.length)];
    // Half the time swap two names: the result often still parses, which feeds the evaluator.
    const names = tokens.filter((t) => /^[A-Za-z_]/.test(t[0]));
    const b =
      random.next() < 0.5 ? names[random.int(names.length)] : tokens[random.int(tokens.length)];
    if (!a || !b || a.index === b.index) return s;
    const [first, second] = a.index < b.index ? [a, b] : [b, a];
    const firstEnd = first.index + first[0].length;
    return (
      s.slice(0, first.index) +
      second[0] +
      s.slice(firstEnd, second.index) +
      first[0] +
      s.slice(second.index + second[0].length)
    );
  },
  function insertPunctuation(s, random) {
    const at = random.int(s.length + 1);
    return s.slice(0, at) + PUNCTUATION[random.int(PUNCTUATION.length)] + s.slice(at);
  },
  function insertKeyword(s, random) {
    const at = random.int(s.length + 1);
    return `${s.slice(0, at)} ${KEYWORDS[random.int(KEYWORDS.length)]} ${s.slice(at)}`;
  },
  function truncate(s, random) {
    return s.slice(0, random.int(s.length + 1));
  },
];

/** What the evaluator makes of a request no rule can see much of; it must never throw. */
const REQUEST = {
  method: "get" as const,
  path: ["databases", "(default)", "documents", "users", "alice"],
  variables: new Map([
    ["request", null],
    ["resource", null],
  ]),
};

/** The evaluator is written in parallel with these tests: use it only when it loads. */
async function loadEvaluator(): Promise<typeof RulesProgram | undefined> {
  try {
    return (await import("../src/program.js")).RulesProgram;
  } catch (e) {
    console.warn(`fuzz: evaluation not exercised, src/program.js does not load: ${String(e)}`);
    return undefined;
  }
}

/** Runs `work` and returns its time; a slow run is timed again so one GC pause is forgiven. */
function timed(work: () => void): number {
  const start = performance.now();
  work();
  const first = performance.now() - start;
  if (first < BUDGET_MS) return first;
  const again = performance.now();
  work();
  return Math.min(first, performance.now() - again);
}

describe("fuzzing the parser with corpus mutants", () => {
  it(`survives ${TOTAL_MUTATIONS} seeded mutations`, { timeout: 120_000 }, async () => {
    const Program = await loadEvaluator();
    const corpus = corpusFiles().map((f) => f.source);
    const random = mulberry32(SEED);
    const failures: string[] = [];
    const stats = { mutants: 0, parsed: 0, rejected: 0, evaluated: 0 };
    const report = (what: string, mutant: string, detail: unknown) =>
      failures.push(`${what}: ${String(detail)}\n--- mutant ${stats.mutants} ---\n${mutant}`);

    for (let applied = 0; applied < TOTAL_MUTATIONS; stats.mutants++) {
      let mutant = corpus[random.int(corpus.length)]!;
      // Mostly one mutation, sometimes two or three, so damage in one place meets damage in another.
      const count = 1 + (random.next() < 0.3 ? 1 : 0) + (random.next() < 0.1 ? 1 : 0);
      for (let n = count; n > 0 && applied < TOTAL_MUTATIONS; n--, applied++) {
        mutant = MUTATIONS[random.int(MUTATIONS.length)]!(mutant, random);
      }
      let ast: Ruleset | undefined;
      const parseMs = timed(() => {
        try {
          ast = parseRules(mutant, "mutant.rules");
        } catch (e) {
          if (!isRulesSyntaxError(e)) report("parser threw a non-syntax error", mutant, e);
        }
      });
      if (parseMs >= BUDGET_MS) report(`parse took ${parseMs.toFixed(1)} ms`, mutant, "");
      if (!ast) {
        stats.rejected++;
        continue;
      }
      stats.parsed++;
      // Every accepted mutant is also a printer test: odd but valid trees print faithfully.
      const printed = printRules(ast);
      try {
        const again = parseRules(printed, "printed.rules");
        if (!isDeepStrictEqual(stripLocations(again), stripLocations(ast))) {
          report("printing changed the tree", mutant, printed);
        }
      } catch (e) {
        report("printed text does not parse", mutant, `${String(e)}\n${printed}`);
      }
      if (!Program) continue;
      stats.evaluated++;
      const evalMs = timed(() => {
        try {
          Program.compile(mutant, "mutant.rules").evaluate(REQUEST);
        } catch (e) {
          report("compile or evaluate threw", mutant, e instanceof Error ? e.stack : e);
        }
      });
      if (evalMs >= BUDGET_MS) report(`evaluation took ${evalMs.toFixed(1)} ms`, mutant, "");
    }

    expect(failures.slice(0, 5).join("\n\n")).toBe("");
    // Both outcomes must be common, or the mutations are too weak or too strong to tell much.
    expect(stats.rejected).toBeGreaterThan(stats.mutants / 10);
    expect(stats.parsed).toBeGreaterThan(stats.mutants / 10);
  });
});

describe("pathological input", () => {
  it("deep nesting gives a RulesSyntaxError, not a stack overflow", () => {
    const shapes: Record<string, (n: number) => string> = {
      parentheses: (n) => `${"(".repeat(n)}true${")".repeat(n)}`,
      lists: (n) => `${"[".repeat(n)}${"]".repeat(n)} == []`,
      negations: (n) => `${"!".repeat(n)}true`,
      "path interpolations": (n) => `${"/a/$(".repeat(n)}x${")".repeat(n)} == null`,
    };
    const crashes: string[] = [];
    for (const [shape, nest] of Object.entries(shapes)) {
      try {
        parseRules(`service cloud.firestore { match /a { allow read: if ${nest(20_000)}; } }`);
      } catch (e) {
        // Rejecting the file (production caps nesting) or accepting it are both fine; crashing is not.
        if (!isRulesSyntaxError(e)) crashes.push(`20000 nested ${shape}: ${String(e)}`);
      }
    }
    expect(crashes).toEqual([]);
  });

  it("parses long flat chains in linear time", () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => `a${i} == ${i}`).join(" && ");
    const source = `service cloud.firestore { match /a { allow read: if ${chain}; } }`;
    expect(timed(() => parseRules(source))).toBeLessThan(BUDGET_MS * 5);
  });
});
