import type {
  AllowMethod,
  AllowStatement,
  Expr,
  FunctionDeclaration,
  MatchBlock,
  MatchSegment,
  Ruleset,
} from "@winky/rules";

/** A match block with its full path from the service root and the functions it can call. */
export interface FlatMatch {
  path: readonly MatchSegment[];
  allows: readonly AllowStatement[];
  line: number;
  /** Visible functions by name, innermost declaration winning (as the evaluator scopes them). */
  functions: ReadonlyMap<string, FunctionDeclaration>;
}

/** Every match block of a ruleset, outer blocks before the blocks they nest, in source order. */
export function flattenMatches(ast: Ruleset): FlatMatch[] {
  const out: FlatMatch[] = [];
  const visit = (
    blocks: readonly MatchBlock[],
    prefix: readonly MatchSegment[],
    outer: ReadonlyMap<string, FunctionDeclaration>,
  ) => {
    for (const block of blocks) {
      const functions = new Map(outer);
      for (const fn of block.functions) functions.set(fn.name, fn);
      const path = [...prefix, ...block.path];
      out.push({ path, allows: block.allows, line: block.loc.line, functions });
      visit(block.matches, path, functions);
    }
  };
  const top = new Map<string, FunctionDeclaration>();
  for (const fn of [...ast.functions, ...ast.service.functions]) top.set(fn.name, fn);
  visit(ast.service.matches, [], top);
  return out;
}

/** `/databases/{database}/documents/notes/{noteId}` as written. */
export function patternText(path: readonly MatchSegment[]): string {
  return path
    .map((s) =>
      s.kind === "literal" ? s.text : s.kind === "wildcard" ? `{${s.name}}` : `{${s.name}=**}`,
    )
    .map((s) => `/${s}`)
    .join("");
}

/** Whether a match path matches a concrete path (rules v2: `{x=**}` takes zero or more). */
export function matchesPath(path: readonly MatchSegment[], segments: readonly string[]): boolean {
  const at = (i: number, j: number): boolean => {
    if (i === path.length) return j === segments.length;
    const seg = path[i]!;
    if (seg.kind === "recursive") {
      for (let k = j; k <= segments.length; k++) if (at(i + 1, k)) return true;
      return false;
    }
    if (j === segments.length) return false;
    if (seg.kind === "literal" && seg.text !== segments[j]) return false;
    return at(i + 1, j + 1);
  };
  return at(0, 0);
}

/** `request.auth.uid` for a member chain of identifiers, else undefined. */
function dotted(expr: Expr): string | undefined {
  if (expr.kind === "identifier") return expr.name;
  if (expr.kind === "member") {
    const base = dotted(expr.object);
    return base === undefined ? undefined : `${base}.${expr.property}`;
  }
  return undefined;
}

function children(expr: Expr): Expr[] {
  switch (expr.kind) {
    case "literal":
    case "identifier":
      return [];
    case "list":
      return expr.items;
    case "map":
      return expr.entries.flatMap((e) => [e.key, e.value]);
    case "path":
      return expr.segments.flatMap((s) =>
        s.parts.flatMap((p) => (p.kind === "interpolation" ? [p.expr] : [])),
      );
    case "member":
      return [expr.object];
    case "index":
      return [expr.object, expr.index];
    case "slice":
      return [expr.object, expr.start, expr.end];
    case "call":
      return [expr.callee, ...expr.args];
    case "unary":
      return [expr.operand];
    case "binary":
      return [expr.left, expr.right];
    case "is":
      return [expr.operand];
    case "ternary":
      return [expr.test, expr.consequent, expr.alternate];
  }
}

/**
 * Whether a condition reads `name` (e.g. `request.auth`, or anything below it), directly or
 * through the functions it calls, however deep.
 */
export function mentions(
  expr: Expr,
  functions: ReadonlyMap<string, FunctionDeclaration>,
  name: string,
): boolean {
  const seen = new Set<FunctionDeclaration>();
  const walk = (e: Expr): boolean => {
    const chain = dotted(e);
    if (chain !== undefined && (chain === name || chain.startsWith(`${name}.`))) return true;
    if (e.kind === "call" && e.callee.kind === "identifier") {
      const fn = functions.get(e.callee.name);
      if (fn && !seen.has(fn)) {
        seen.add(fn);
        if (walk(fn.body) || fn.lets.some((l) => walk(l.value))) return true;
      }
    }
    return children(e).some(walk);
  };
  return walk(expr);
}

/** `allow read;` or `allow read: if true;`: granted to every request. */
export function isUnconditional(allow: AllowStatement): boolean {
  const c = allow.condition;
  return c === undefined || (c.kind === "literal" && c.value.type === "bool" && c.value.value);
}

const READS: ReadonlySet<AllowMethod> = new Set(["read", "get", "list"]);

/** Whether an allow's method is a read (`read`, `get`, `list`). */
export function isRead(method: AllowMethod): boolean {
  return READS.has(method);
}

/** A match path below the documents root, as findings print it: `/rooms/{roomId}`. */
export function relativePattern(path: readonly MatchSegment[]): string {
  const third = path[2];
  const rooted =
    path.length >= 3 && third?.kind === "literal" && ["documents", "o"].includes(third.text);
  return patternText(rooted ? path.slice(3) : path) || "/";
}

/** Whether a block with allows matches a document no plan names, under `root`: a catch-all. */
export function isCatchAll(block: FlatMatch, root: readonly string[]): boolean {
  return (
    block.allows.length > 0 && matchesPath(block.path, [...root, "review-unplanned", "review-doc"])
  );
}
