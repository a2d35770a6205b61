import type { BinaryOperator, Expr, PathLiteralSegment, PathPart } from "./ast.js";
import type { TokenStream } from "./token-stream.js";

// Binding powers from the language's precedence table (higher binds tighter).
const BINARY: Record<string, { power: number; operator: BinaryOperator }> = {
  "||": { power: 2, operator: "||" },
  "&&": { power: 3, operator: "&&" },
  "==": { power: 4, operator: "==" },
  "!=": { power: 4, operator: "!=" },
  in: { power: 6, operator: "in" },
  "<": { power: 7, operator: "<" },
  "<=": { power: 7, operator: "<=" },
  ">": { power: 7, operator: ">" },
  ">=": { power: 7, operator: ">=" },
  "+": { power: 8, operator: "+" },
  "-": { power: 8, operator: "-" },
  "*": { power: 9, operator: "*" },
  "/": { power: 9, operator: "/" },
  "%": { power: 9, operator: "%" },
};
const TERNARY_POWER = 1;
const IS_POWER = 5;
const UNARY_POWER = 10;

/** Characters allowed in the raw text of a path literal's segment. */
const PATH_CHAR = /[A-Za-z0-9_\-.~%@+*]/;

/** Deeper nesting than this is a syntax error rather than a risk to the stack. */
const MAX_NESTING = 256;

/**
 * Parses one expression with a Pratt parser; `minPower` stops at weaker operators.
 *
 * @throws RulesSyntaxError, also for expressions nested deeper than MAX_NESTING.
 */
export function parseExpression(stream: TokenStream, minPower = 0): Expr {
  if (stream.depth >= MAX_NESTING) {
    throw stream.scanner.error(
      `expression nested more than ${MAX_NESTING} levels deep`,
      stream.token.start,
    );
  }
  stream.depth++;
  try {
    return parseOperators(stream, minPower);
  } finally {
    stream.depth--;
  }
}

function parseOperators(stream: TokenStream, minPower: number): Expr {
  let left = parsePrefix(stream);
  for (;;) {
    const t = stream.token;
    const loc = stream.location(t);
    if (t.kind === "punct" && (t.text === "." || t.text === "(" || t.text === "[")) {
      left = parsePostfix(stream, left);
      continue;
    }
    if (t.kind === "punct" && t.text === "?" && minPower < TERNARY_POWER + 1) {
      stream.advance();
      const consequent = parseExpression(stream, 0);
      stream.expect(":", "between the branches of '? :'");
      const alternate = parseExpression(stream, TERNARY_POWER);
      left = { kind: "ternary", test: left, consequent, alternate, loc };
      continue;
    }
    if (t.kind === "identifier" && t.text === "is" && IS_POWER > minPower) {
      stream.advance();
      const typeName = stream.identifier("after 'is' (a type such as string or map)").text;
      left = { kind: "is", operand: left, typeName, loc };
      continue;
    }
    const binary = (t.kind === "punct" || t.kind === "identifier") && BINARY[t.text];
    if (!binary || binary.power <= minPower) return left;
    stream.advance();
    const right = parseExpression(stream, binary.power);
    left = { kind: "binary", operator: binary.operator, left, right, loc };
  }
}

function parsePrefix(stream: TokenStream): Expr {
  const t = stream.token;
  const loc = stream.location(t);
  switch (t.kind) {
    case "int":
      stream.advance();
      return { kind: "literal", value: { type: "int", value: t.value as number }, loc };
    case "float":
      stream.advance();
      return { kind: "literal", value: { type: "float", value: t.value as number }, loc };
    case "string":
      stream.advance();
      return { kind: "literal", value: { type: "string", value: t.value as string }, loc };
    case "bytes":
      stream.advance();
      return { kind: "literal", value: { type: "bytes", value: t.value as Uint8Array }, loc };
    case "identifier":
      stream.advance();
      if (t.text === "true" || t.text === "false") {
        return { kind: "literal", value: { type: "bool", value: t.text === "true" }, loc };
      }
      if (t.text === "null") return { kind: "literal", value: { type: "null" }, loc };
      return { kind: "identifier", name: t.text, loc };
    case "punct":
      break;
    case "eof":
      throw stream.unexpected("expected an expression");
  }
  switch (t.text) {
    case "(": {
      stream.advance();
      const inner = parseExpression(stream);
      stream.expect(")", "to close '('");
      return inner;
    }
    case "!":
    case "-": {
      stream.advance();
      const operand = parseExpression(stream, UNARY_POWER);
      return { kind: "unary", operator: t.text, operand, loc };
    }
    case "[": {
      stream.advance();
      const items = commaList(stream, "]", () => parseExpression(stream));
      return { kind: "list", items, loc };
    }
    case "{": {
      stream.advance();
      const entries = commaList(stream, "}", () => {
        const key = parseExpression(stream);
        stream.expect(":", "between a map key and its value");
        return { key, value: parseExpression(stream) };
      });
      return { kind: "map", entries, loc };
    }
    case "/":
      return { kind: "path", segments: parsePathLiteral(stream), loc };
  }
  throw stream.unexpected("expected an expression");
}

function parsePostfix(stream: TokenStream, object: Expr): Expr {
  const t = stream.advance();
  const loc = stream.location(t);
  if (t.text === ".") {
    const property = stream.identifier("after '.'").text;
    return { kind: "member", object, property, loc: stream.location(t) };
  }
  if (t.text === "(") {
    const args = commaList(stream, ")", () => parseExpression(stream));
    return { kind: "call", callee: object, args, loc };
  }
  const index = parseExpression(stream);
  if (stream.accept(":")) {
    const end = parseExpression(stream);
    stream.expect("]", "to close the range '[a:b]'");
    return { kind: "slice", object, start: index, end, loc };
  }
  stream.expect("]", "to close '['");
  return { kind: "index", object, index, loc };
}

/** `item, item, …` up to `close` (a trailing comma is allowed); consumes `close`. */
function commaList<T>(stream: TokenStream, close: string, item: () => T): T[] {
  const items: T[] = [];
  while (!stream.at(close)) {
    items.push(item());
    if (!stream.accept(",")) break;
  }
  stream.expect(close, items.length > 0 ? "or ',' in the list" : "to close the list");
  return items;
}

/**
 * A path literal, written unquoted: `/databases/$(database)/documents/users/$(uid)`. Segments
 * are raw text (parenthesised text such as `(default)` included) or `$(expr)`.
 */
function parsePathLiteral(stream: TokenStream): PathLiteralSegment[] {
  const source = stream.scanner.source;
  let i = stream.token.start;
  const segments: PathLiteralSegment[] = [];
  while (source[i] === "/") {
    i++;
    let text = "";
    const parts: PathPart[] = [];
    const segmentStart = i;
    for (;;) {
      if (source.startsWith("$(", i)) {
        if (text) parts.push({ kind: "text", text });
        text = "";
        stream.resumeAt(i + 2);
        parts.push({ kind: "interpolation", expr: parseExpression(stream) });
        if (!stream.at(")")) throw stream.unexpected("expected ')' to close '$('");
        i = stream.token.end;
      } else if (source[i] === "(") {
        // `(default)`: parenthesised text is part of the segment, but only path characters may
        // stand inside, so a forgotten `)` cannot swallow the rest of the file.
        let close = i + 1;
        while (PATH_CHAR.test(source[close] ?? "")) close++;
        if (source[close] !== ")") throw stream.scanner.error("unclosed '(' in a path segment", i);
        text += source.slice(i, close + 1);
        i = close + 1;
      } else if (PATH_CHAR.test(source[i] ?? "")) {
        text += source[i];
        i++;
      } else break;
    }
    if (text) parts.push({ kind: "text", text });
    if (i === segmentStart) throw stream.scanner.error("empty segment in a path literal", i);
    segments.push({ parts });
  }
  stream.resumeAt(i);
  return segments;
}
