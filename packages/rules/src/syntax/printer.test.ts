import { describe, expect, it } from "vitest";
import { stripLocations } from "../../test/support.js";
import { mulberry32, type Random } from "../../test/random.js";
import type { Expr, PathPart } from "./ast.js";
import { parseRules } from "./parser.js";
import { printExpression, printRules } from "./printer.js";

/** Parses `text` as an allow condition and returns the expression tree. */
function parseCondition(text: string): Expr {
  const ast = parseRules(`service cloud.firestore { match /x { allow read: if ${text}; } }`);
  return ast.service.matches[0]!.allows[0]!.condition!;
}

const reprint = (text: string) => printExpression(parseCondition(text));

describe("printExpression", () => {
  it.each([
    ["a || b && c", "a || b && c"],
    ["(a || b) && c", "(a || b) && c"],
    ["a - (b - c)", "a - (b - c)"],
    ["(a - b) - c", "a - b - c"],
    ["-(a + b) * c", "-(a + b) * c"],
    ["-a.b[0]()", "-a.b[0]()"],
    ["!(x is bool)", "!(x is bool)"],
    ["(!x) is bool", "!x is bool"],
    ["a == (b is int)", "a == b is int"],
    ["(a + b) is int", "a + b is int"],
    ["(a == b) is bool", "(a == b) is bool"],
    ["'a' in (['a'] == true)", "'a' in (['a'] == true)"],
    ["('a' in ['a']) == true", "'a' in ['a'] == true"],
    ["a ? b : (c ? d : e)", "a ? b : c ? d : e"],
    ["(a ? b : c) ? d : e", "(a ? b : c) ? d : e"],
    ["a ? (b ? c : d) : e", "a ? b ? c : d : e"],
    ["(a ? b : c) || d", "(a ? b : c) || d"],
    ["f((a ? b : c), [x ? y : z])", "f(a ? b : c, [x ? y : z])"],
    ["(/a/$(b)/c).bind({'b': 1})", "(/a/$(b)/c).bind({'b': 1})"],
    [
      "get(/databases/(default)/documents/u/$(request.auth.uid)).data",
      "get(/databases/(default)/documents/u/$(request.auth.uid)).data",
    ],
    ["x[1:2] + y['k']", "x[1:2] + y['k']"],
    ["a - -b", "a - -b"],
    ["!!a", "!!a"],
  ])("%s prints as %s", (source, expected) => {
    expect(reprint(source)).toBe(expected);
  });

  it.each([
    ["2.0", "2.0"],
    ["1e21", "1e+21"],
    ["0.5e-7", "5e-8"],
    ["1e999", "1e999"],
    ["1.25", "1.25"],
    ["9007199254740991", "9007199254740991"],
  ])("number %s prints as %s and keeps its type", (source, expected) => {
    const printed = reprint(source);
    expect(printed).toBe(expected);
    expect(stripLocations(parseCondition(printed))).toEqual(stripLocations(parseCondition(source)));
  });

  it.each([
    [`"it's"`, `'it\\'s'`],
    [`'a\\\\b'`, `'a\\\\b'`],
    [`'\\n\\r\\t\\a\\b\\f\\v'`, `'\\n\\r\\t\\a\\b\\f\\v'`],
    [`'\\x01\\x7F\\u0085'`, `'\\x01\\x7F\\x85'`],
    [`'\\uD800'`, `'\\uD800'`],
    [`'\\u2028\\uFEFF'`, `'\\u2028\\uFEFF'`],
    [`'caf\\xE9 \\U0001F600'`, `'café 😀'`],
    [`b'\\x00\\377a'`, `b'\\x00\\xFF\\x61'`],
    [`b'é'`, `b'\\xC3\\xA9'`],
  ])("literal %s prints as %s", (source, expected) => {
    expect(reprint(source)).toBe(expected);
  });
});

describe("printRules", () => {
  it("lays out a ruleset canonically", () => {
    const source = `function g() { return 1 } service firebase.storage { match /b/{bucket}/o {
      match /{all=**} { allow read; allow write: if g() == 1 } function f(x) { let y = x; return y } } }`;
    expect(printRules(parseRules(source))).toBe(
      [
        "rules_version = '1';",
        "",
        "function g() {",
        "  return 1;",
        "}",
        "",
        "service firebase.storage {",
        "  match /b/{bucket}/o {",
        "    function f(x) {",
        "      let y = x;",
        "      return y;",
        "    }",
        "",
        "    match /{all=**} {",
        "      allow read;",
        "      allow write: if g() == 1;",
        "    }",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("breaks a long condition before each && and ||", () => {
    const long = Array.from({ length: 6 }, (_, i) => `request.resource.data.field${i} == ${i}`);
    const printed = printRules(
      parseRules(
        `service cloud.firestore { match /x { allow write: if ${long.join(" && ")} || a; } }`,
      ),
    );
    expect(printed).toContain(`allow write: if ${long[0]}\n        && ${long[1]}\n`);
    expect(printed).toContain(`\n      || a;\n`);
  });
});

describe("printExpression on random trees", () => {
  it("prints 3000 random expressions that parse back to the same tree", () => {
    const random = mulberry32(0x5eed);
    for (let i = 0; i < 3000; i++) {
      const expr = randomExpr(random, 4);
      const printed = printExpression(expr);
      let reparsed: Expr;
      try {
        reparsed = parseCondition(printed);
      } catch (e) {
        throw new Error(`${printed}\n${(e as Error).message}`, { cause: e });
      }
      expect(stripLocations(reparsed), printed).toEqual(stripLocations(expr));
    }
  });
});

const loc = { line: 1, column: 1 };
const NAMES = ["a", "request", "_x1", "in", "is", "data"];
const TYPES = ["int", "string", "map", "bool"];
const OPERATORS = [
  "*",
  "/",
  "%",
  "+",
  "-",
  "<",
  "<=",
  ">",
  ">=",
  "==",
  "!=",
  "in",
  "&&",
  "||",
] as const;
const STRING_CHARS = [
  "a",
  "'",
  '"',
  "\\",
  "\n",
  "\x00",
  "\x7f",
  "é",
  "\u2028",
  "😀",
  "\ud800",
  " ",
];

/** A random tree of the shapes the parser produces (non-negative literals, merged path text). */
function randomExpr(random: Random, depth: number): Expr {
  const pick = <T>(items: readonly T[]): T => items[random.int(items.length)]!;
  const sub = () => randomExpr(random, depth - 1);
  if (depth <= 0 || random.next() < 0.2) {
    switch (random.int(7)) {
      case 0:
        return { kind: "literal", value: { type: "int", value: random.int(1000) }, loc };
      case 1:
        return {
          kind: "literal",
          value: { type: "float", value: pick([0, 2, 0.1, 1e21, 3e-9, Infinity]) },
          loc,
        };
      case 2: {
        const value = Array.from({ length: random.int(4) }, () => pick(STRING_CHARS)).join("");
        return { kind: "literal", value: { type: "string", value }, loc };
      }
      case 3: {
        const value = Uint8Array.from({ length: random.int(3) }, () => random.int(256));
        return { kind: "literal", value: { type: "bytes", value }, loc };
      }
      case 4:
        return {
          kind: "literal",
          value: pick([{ type: "null" }, { type: "bool", value: true }] as const),
          loc,
        };
      case 5:
        return { kind: "path", segments: randomPath(random, sub), loc };
      default:
        return { kind: "identifier", name: pick(NAMES), loc };
    }
  }
  switch (random.int(11)) {
    case 0:
      return { kind: "list", items: Array.from({ length: random.int(3) }, sub), loc };
    case 1:
      return {
        kind: "map",
        entries: Array.from({ length: random.int(3) }, () => ({ key: sub(), value: sub() })),
        loc,
      };
    case 2:
      return { kind: "member", object: sub(), property: pick(NAMES), loc };
    case 3:
      return { kind: "index", object: sub(), index: sub(), loc };
    case 4:
      return { kind: "slice", object: sub(), start: sub(), end: sub(), loc };
    case 5:
      return { kind: "call", callee: sub(), args: Array.from({ length: random.int(3) }, sub), loc };
    case 6:
      return { kind: "unary", operator: pick(["!", "-"] as const), operand: sub(), loc };
    case 7:
      return { kind: "is", operand: sub(), typeName: pick(TYPES), loc };
    case 8:
      return { kind: "ternary", test: sub(), consequent: sub(), alternate: sub(), loc };
    default:
      return { kind: "binary", operator: pick(OPERATORS), left: sub(), right: sub(), loc };
  }
}

function randomPath(random: Random, sub: () => Expr): Array<{ parts: PathPart[] }> {
  return Array.from({ length: 1 + random.int(3) }, (_, index) => {
    const parts: PathPart[] = [];
    for (let n = 1 + random.int(3); n > 0; n--) {
      const last = parts[parts.length - 1];
      if (random.next() < 0.4) parts.push({ kind: "interpolation", expr: sub() });
      else {
        // A first segment starting with `*` would read as `/*`, a comment: the parser never makes one.
        const text =
          random.next() < 0.3 ? "(default)" : index === 0 && !last ? "a.b-c" : "*x~%@+_9";
        if (last?.kind === "text") last.text += text;
        else parts.push({ kind: "text", text });
      }
    }
    return { parts };
  });
}
