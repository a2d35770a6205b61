// A small abstract evaluator over the syntax tree: what an expression is, as far as deploying
// functions goes. It follows names through imports, re-exports, require() and object
// literals, and turns uses of the SDK into a chain of segments (`functions.region("x")
// .firestore.document("p").onCreate(h)`); it never runs code. Anything it cannot follow is
// "opaque" with a reason, so an export made by a helper becomes a not-understood item.
import ts from "typescript";
import { bindingsOf, sdkPath } from "./bindings.js";
import { exportsOf, SINGLE_VALUE, type ExportEntry } from "./exports.js";
import type { ModuleFile } from "./parse-source.js";
import { stringValue } from "./parse-source.js";

/** One step of an SDK chain: a property, with `args` when it is called. */
export interface Segment {
  name: string;
  args?: readonly ts.Expression[];
  file: ModuleFile;
  node: ts.Node;
}

export type Value =
  | { kind: "sdk"; segments: Segment[] }
  | { kind: "module"; file: ModuleFile }
  | { kind: "object"; file: ModuleFile; node: ts.ObjectLiteralExpression }
  /** Made in a way the evaluator cannot follow: if exported, reported as not understood. */
  | { kind: "opaque"; file: ModuleFile; node: ts.Node; reason: string }
  /** Literals, plain functions, package values: nothing to deploy. `node` for reading literals. */
  | { kind: "plain"; file?: ModuleFile; node?: ts.Node };

const MAX_DEPTH = 64;

export class ModuleGraph {
  // Names being resolved right now: meeting one again is a cycle (`const a = b; const b = a`).
  private readonly active = new Set<string>();

  constructor(readonly files: ReadonlyMap<string, ModuleFile>) {}

  evaluate(expr: ts.Expression, file: ModuleFile, depth = 0): Value {
    if (depth > MAX_DEPTH) return opaque(file, expr, "nested too deeply to follow");
    const next = depth + 1;
    if (
      ts.isParenthesizedExpression(expr) ||
      ts.isAsExpression(expr) ||
      ts.isSatisfiesExpression(expr) ||
      ts.isNonNullExpression(expr) ||
      ts.isTypeAssertionExpression(expr)
    ) {
      return this.evaluate(expr.expression, file, next);
    }
    if (ts.isIdentifier(expr)) return this.resolveName(file, expr.text, expr, next);
    if (ts.isPropertyAccessExpression(expr)) {
      const base = this.evaluate(expr.expression, file, next);
      return this.member(base, expr.name.text, file, expr, next);
    }
    if (ts.isElementAccessExpression(expr)) {
      const key = stringValue(expr.argumentExpression);
      const base = this.evaluate(expr.expression, file, next);
      if (key === undefined)
        return base.kind === "plain" ? base : opaque(file, expr, "computed property");
      return this.member(base, key, file, expr, next);
    }
    if (ts.isCallExpression(expr)) return this.call(expr, file, next);
    if (ts.isObjectLiteralExpression(expr)) return { kind: "object", file, node: expr };
    // `(0, https_1.onCall)(…)`: how tsc's CommonJS output calls an import; the comma's value.
    if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.CommaToken) {
      return this.evaluate(expr.right, file, next);
    }
    if (ts.isConditionalExpression(expr) || ts.isBinaryExpression(expr)) {
      // `emulator ? onRequest(a) : onRequest(b)`: which one deploys is decided at run time.
      const parts = ts.isConditionalExpression(expr)
        ? [expr.whenTrue, expr.whenFalse]
        : [expr.left, expr.right];
      const values = parts.map((part) => this.evaluate(part, file, next));
      if (values.some((v) => v.kind !== "plain")) {
        return opaque(file, expr, "chosen at run time by a condition");
      }
    }
    return { kind: "plain", file, node: expr };
  }

  /** What a top-level name of `file` is bound to; unbound names are globals (plain). */
  resolveName(file: ModuleFile, name: string, at: ts.Node, depth: number): Value {
    const binding = bindingsOf(file).get(name);
    if (!binding) return { kind: "plain", file, node: at };
    const key = `${file.absPath}#${name}`;
    if (this.active.has(key)) return opaque(file, at, `${name} is defined in terms of itself`);
    this.active.add(key);
    try {
      switch (binding.kind) {
        case "sdk":
          return { kind: "sdk", segments: binding.path.map((n) => ({ name: n, file, node: at })) };
        case "external":
          return { kind: "plain", file, node: at };
        case "declared":
          return { kind: "plain", file, node: binding.node };
        case "init": {
          let value = this.evaluate(binding.expr, file, depth);
          for (const property of binding.properties)
            value = this.member(value, property, file, at, depth);
          return value;
        }
        case "module": {
          const target = binding.target === null ? undefined : this.files.get(binding.target);
          if (!target) return opaque(file, at, `${binding.spec} could not be read`);
          if (binding.exportName === null) return this.wholeModule(target, depth);
          // A default import of a CommonJS module is its whole `module.exports`.
          if (binding.exportName === "default" && !exportsOf(this, target).has("default")) {
            return this.wholeModule(target, depth);
          }
          return this.resolveExport(target, binding.exportName, file, at, depth);
        }
      }
    } finally {
      this.active.delete(key);
    }
  }

  /** A module as a value: its exports, or the one value `module.exports = value` made it. */
  private wholeModule(file: ModuleFile, depth: number): Value {
    const single = exportsOf(this, file).get(SINGLE_VALUE);
    return single ? single.value(depth + 1) : { kind: "module", file };
  }

  /** Export `name` of `file`, asked for by `at`, written in `atFile`. */
  resolveExport(
    file: ModuleFile,
    name: string,
    atFile: ModuleFile,
    at: ts.Node,
    depth: number,
  ): Value {
    const entry: ExportEntry | undefined = exportsOf(this, file).get(name);
    if (!entry) return opaque(atFile, at, `${file.relPath} has no export ${name}`);
    return entry.value(depth + 1);
  }

  /** `base.name`; `file` is where `at` (the access) is written. */
  member(base: Value, name: string, file: ModuleFile, at: ts.Node, depth: number): Value {
    switch (base.kind) {
      case "sdk":
        return { kind: "sdk", segments: [...base.segments, { name, file, node: at }] };
      case "module":
        return this.resolveExport(base.file, name, file, at, depth);
      case "object":
        return this.property(base.file, base.node, name, at, depth);
      default:
        return base;
    }
  }

  private property(
    file: ModuleFile,
    object: ts.ObjectLiteralExpression,
    name: string,
    at: ts.Node,
    depth: number,
  ): Value {
    // Later properties and spreads win, as in JavaScript: look from the end.
    for (const property of [...object.properties].reverse()) {
      if (ts.isSpreadAssignment(property)) {
        const spread = this.evaluate(property.expression, file, depth + 1);
        const found = this.member(spread, name, file, at, depth + 1);
        if (found.kind !== "opaque" || spread.kind === "opaque") return found;
        continue;
      }
      if (propertyName(property) !== name) continue;
      if (ts.isPropertyAssignment(property))
        return this.evaluate(property.initializer, file, depth + 1);
      if (ts.isShorthandPropertyAssignment(property)) {
        return this.resolveName(file, name, property, depth + 1);
      }
      return { kind: "plain", file, node: property };
    }
    return opaque(file, at, `the object has no property ${name}`);
  }

  private call(expr: ts.CallExpression, file: ModuleFile, depth: number): Value {
    const callee = expr.expression;
    const spec = stringValue(expr.arguments[0]);
    const isRequire =
      ts.isIdentifier(callee) && callee.text === "require" && !bindingsOf(file).has("require");
    if ((isRequire || callee.kind === ts.SyntaxKind.ImportKeyword) && spec !== undefined) {
      return this.required(file, spec, expr);
    }
    const target = this.evaluate(callee, file, depth);
    switch (target.kind) {
      case "sdk": {
        const segments = [...target.segments];
        const last = segments[segments.length - 1];
        if (last && !last.args)
          segments[segments.length - 1] = { ...last, args: expr.arguments, node: expr };
        else segments.push({ name: "()", args: expr.arguments, file, node: expr });
        return { kind: "sdk", segments };
      }
      case "opaque":
        return target;
      case "plain":
        // A package's function (admin.initializeApp()) or a global: not a Cloud Function. A
        // function of this project may well return one, which cannot be known without running it.
        return target.node && isProjectFunction(target.node)
          ? opaque(
              file,
              expr,
              `made by calling ${callee.getText(file.sourceFile)}, a function of the project`,
            )
          : { kind: "plain", file, node: expr };
      default:
        return opaque(file, expr, `made by calling ${callee.getText(file.sourceFile)}`);
    }
  }

  private required(file: ModuleFile, spec: string, at: ts.Node): Value {
    const sdk = sdkPath(spec);
    if (sdk) return { kind: "sdk", segments: sdk.map((name) => ({ name, file, node: at })) };
    if (!spec.startsWith(".")) return { kind: "plain", file, node: at };
    const targetPath = file.resolved.get(spec);
    const target = targetPath ? this.files.get(targetPath) : undefined;
    return target ? this.wholeModule(target, 0) : opaque(file, at, `${spec} could not be read`);
  }
}

function opaque(file: ModuleFile, node: ts.Node, reason: string): Value {
  return { kind: "opaque", file, node, reason };
}

/** A function written in the project: a declaration, or a const bound to an arrow/function. */
function isProjectFunction(node: ts.Node): boolean {
  return (
    ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)
  );
}

export function propertyName(property: ts.ObjectLiteralElementLike): string | undefined {
  const name = property.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name))
    return name.text;
  return undefined;
}
