import type {
  AllowStatement,
  Expr,
  FunctionDeclaration,
  LiteralValue,
  MatchBlock,
  MatchSegment,
  PathLiteralSegment,
  Ruleset,
} from "./ast.js";

// Binding powers, mirroring parse-expression.ts (higher binds tighter). A child printed where
// the parser would stop at a weaker operator gets parentheses; everything else prints bare.
const TERNARY = 1;
const IS = 5;
const UNARY = 10;
const POSTFIX = 11;
const BINARY_POWER: Record<string, number> = Object.fromEntries(
  (
    [
      [2, ["||"]],
      [3, ["&&"]],
      [4, ["==", "!="]],
      [6, ["in"]],
      [7, ["<", "<=", ">", ">="]],
      [8, ["+", "-"]],
      [9, ["*", "/", "%"]],
    ] as const
  ).flatMap(([power, operators]) => operators.map((operator) => [operator, power])),
);

/** Lines reaching this width have their `&&` / `||` chains broken, one operand per line. */
const WIDTH = 100;

/**
 * Prints a parsed ruleset as canonical rules text: `rules_version` first (always, so a v1 file
 * says so), then global functions, then the service block. Inside every block functions come
 * first, then allows, then nested matches, so `parseRules(printRules(ast))` equals `ast` up to
 * source locations. Comments and the original layout are not kept (the AST holds neither).
 */
export function printRules(ast: Ruleset): string {
  const out: string[] = [`rules_version = '${ast.version}';`, ""];
  for (const fn of ast.functions) out.push(...printFunction(fn, ""), "");
  out.push(...printBlock(`service ${ast.service.name}`, "", ast.service));
  return out.join("\n") + "\n";
}

/** Prints one expression on a single line with the fewest parentheses that keep its tree. */
export function printExpression(expr: Expr): string {
  return print(expr, 0);
}

/** The members of a service or match block; the service has no allows. */
interface BlockBody {
  functions: readonly FunctionDeclaration[];
  allows?: readonly AllowStatement[];
  matches: readonly MatchBlock[];
}

function printBlock(header: string, indent: string, body: BlockBody): string[] {
  const inner = indent + "  ";
  // Groups are separated by a blank line; so are consecutive functions and matches.
  const groups: string[][] = [
    ...body.functions.map((fn) => printFunction(fn, inner)),
    (body.allows ?? []).flatMap((allow) => printAllow(allow, inner)),
    ...body.matches.map((m) => printMatch(m, inner)),
  ].filter((group) => group.length > 0);
  if (groups.length === 0) return [`${indent}${header} {}`];
  const lines = groups.flatMap((group, i) => (i === 0 ? group : ["", ...group]));
  return [`${indent}${header} {`, ...lines, `${indent}}`];
}

function printMatch(block: MatchBlock, indent: string): string[] {
  const header = `match ${block.path.map(printMatchSegment).join("")}`;
  return printBlock(header, indent, block);
}

function printMatchSegment(segment: MatchSegment): string {
  if (segment.kind === "literal") return `/${segment.text}`;
  return segment.kind === "wildcard" ? `/{${segment.name}}` : `/{${segment.name}=**}`;
}

function printAllow(allow: AllowStatement, indent: string): string[] {
  const head = `${indent}allow ${allow.methods.map((m) => m.name).join(", ")}`;
  if (!allow.condition) return [`${head};`];
  return printStatement(`${head}: if `, allow.condition, indent);
}

function printFunction(fn: FunctionDeclaration, indent: string): string[] {
  const inner = indent + "  ";
  const params = fn.params.map((p) => p.name).join(", ");
  return [
    `${indent}function ${fn.name}(${params}) {`,
    ...fn.lets.flatMap((binding) =>
      printStatement(`${inner}let ${binding.name} = `, binding.value, inner),
    ),
    ...printStatement(`${inner}return `, fn.body, inner),
    `${indent}}`,
  ];
}

/** `head` + expression + `;`, with long `&&` / `||` chains broken before each operator. */
function printStatement(head: string, expr: Expr, indent: string): string[] {
  const lines = layout(head, expr, 0, indent);
  lines[lines.length - 1] += ";";
  return lines;
}

/**
 * `prefix` + `expr`, on one line when that fits in WIDTH (leaving room for the `;`). Otherwise
 * an unparenthesised `&&` / `||` chain puts each further operand on its own line, indented
 * below `indent`, and operands that are chains themselves break again one level deeper.
 */
function layout(prefix: string, expr: Expr, min: number, indent: string): string[] {
  const line = prefix + print(expr, min);
  if (line.length < WIDTH || expr.kind !== "binary" || precedence(expr) < min) return [line];
  const { operator } = expr;
  if (operator !== "&&" && operator !== "||") return [line];
  const power = BINARY_POWER[operator]!;
  const operands: Expr[] = [];
  let first: Expr = expr;
  while (first.kind === "binary" && first.operator === operator) {
    operands.unshift(first.right);
    first = first.left;
  }
  const inner = indent + "  ";
  // The innermost left operand may bind as loosely as the operator (left-associative);
  // every right operand must bind tighter.
  return [
    ...layout(prefix, first, power, inner),
    ...operands.flatMap((operand) => layout(`${inner}${operator} `, operand, power + 1, inner)),
  ];
}

/** Prints `expr`, parenthesised when it binds more loosely than `min`. */
function print(expr: Expr, min: number): string {
  const text = printBare(expr);
  return precedence(expr) < min ? `(${text})` : text;
}

function precedence(expr: Expr): number {
  if (expr.kind === "binary") return BINARY_POWER[expr.operator]!;
  if (expr.kind === "ternary") return TERNARY;
  if (expr.kind === "is") return IS;
  return expr.kind === "unary" ? UNARY : POSTFIX;
}

function printBare(expr: Expr): string {
  switch (expr.kind) {
    case "literal":
      return printLiteral(expr.value);
    case "identifier":
      return expr.name;
    case "list":
      return `[${expr.items.map((item) => print(item, 0)).join(", ")}]`;
    case "map":
      return `{${expr.entries.map((e) => `${print(e.key, 0)}: ${print(e.value, 0)}`).join(", ")}}`;
    case "path":
      return printPath(expr.segments);
    case "member":
      return `${printObject(expr.object)}.${expr.property}`;
    case "index":
      return `${printObject(expr.object)}[${print(expr.index, 0)}]`;
    case "slice":
      return `${printObject(expr.object)}[${print(expr.start, 0)}:${print(expr.end, 0)}]`;
    case "call":
      return `${printObject(expr.callee)}(${expr.args.map((a) => print(a, 0)).join(", ")})`;
    case "unary":
      return `${expr.operator}${print(expr.operand, UNARY)}`;
    case "binary": {
      const power = BINARY_POWER[expr.operator]!;
      // Left-associative: an equal-power left child prints bare, an equal-power right one not.
      return `${print(expr.left, power)} ${expr.operator} ${print(expr.right, power + 1)}`;
    }
    case "is":
      return `${print(expr.operand, IS)} is ${expr.typeName}`;
    case "ternary":
      // The test may not be a bare ternary (its alternate would swallow the `?`); the
      // consequent is read up to `:` and the alternate is right-associative.
      return `${print(expr.test, TERNARY + 1)} ? ${print(expr.consequent, 0)} : ${print(expr.alternate, 0)}`;
  }
}

/** The object of `.f`, `[i]` or `(…)`. A path literal is wrapped: `.`, `(` would extend its text. */
function printObject(object: Expr): string {
  return object.kind === "path" ? `(${printPath(object.segments)})` : print(object, POSTFIX);
}

function printPath(segments: readonly PathLiteralSegment[]): string {
  return segments
    .map(
      (segment) =>
        "/" +
        segment.parts
          .map((part) => (part.kind === "text" ? part.text : `$(${print(part.expr, 0)})`))
          .join(""),
    )
    .join("");
}

function printLiteral(value: LiteralValue): string {
  if (value.type === "null") return "null";
  if (value.type === "float") return printFloat(value.value);
  if (value.type === "string") return `'${escapeString(value.value)}'`;
  if (value.type === "bytes") {
    return `b'${Array.from(value.value, (byte) => `\\x${hex(byte, 2)}`).join("")}'`;
  }
  return String(value.value);
}

/** Shortest text that scans back to the same float: always with a `.` or an exponent. */
function printFloat(value: number): string {
  // The scanner reads `1e999` as Infinity, so that is how an overflowed literal comes back.
  if (value === Infinity) return "1e999";
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

// Characters with a one-letter escape, paired with their letters (`\a` is BEL).
const NAMED_ESCAPES = new Map(
  Array.from("\\'\n\r\t\b\f\v\x07", (c, i) => [c, `\\${"\\'nrtbfva"[i]!}`]),
);

const UNICODE_ESCAPED = new Set([0x2028, 0x2029, 0xfeff]);

/** Escapes for a single-quoted literal; other text, non-ASCII included, stays as written. */
function escapeString(value: string): string {
  let out = "";
  // for…of walks code points: a surrogate pair arrives whole, a lone surrogate alone.
  for (const c of value) {
    const code = c.codePointAt(0)!;
    const named = NAMED_ESCAPES.get(c);
    if (named !== undefined) out += named;
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\x${hex(code, 2)}`;
    // Lone surrogates cannot be written as UTF-8; line separators and BOMs confuse editors.
    else if ((code >= 0xd800 && code <= 0xdfff) || UNICODE_ESCAPED.has(code)) {
      out += `\\u${hex(code, 4)}`;
    } else out += c;
  }
  return out;
}

function hex(n: number, width: number): string {
  return n.toString(16).toUpperCase().padStart(width, "0");
}
