// CommonJS exports, as written by hand and as tsc compiles ES modules: `exports.x = …`,
// `module.exports = { … }` or `= require("./x")`, `Object.assign(exports, …)`,
// `__exportStar(require("./x"), exports)` and `Object.defineProperty(exports, "x", { get })`.
import ts from "typescript";
import type { ModuleGraph } from "./evaluate.js";
import { propertyName } from "./evaluate.js";
import { SINGLE_VALUE, type AddExport, type Exports } from "./exports.js";
import { stringValue, type ModuleFile } from "./parse-source.js";

export function readCommonJs(
  graph: ModuleGraph,
  file: ModuleFile,
  expr: ts.Expression,
  add: AddExport,
  exports: Exports,
  stars: ModuleFile[],
): void {
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const target = expr.left;
    if (isModuleExports(target)) {
      assignModuleExports(graph, file, expr.right, exports, stars);
      return;
    }
    if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
      const name = ts.isPropertyAccessExpression(target)
        ? target.name.text
        : stringValue(target.argumentExpression);
      const owner = target.expression;
      if (name !== undefined && (isExportsObject(owner) || isModuleExports(owner))) {
        const right = expr.right;
        add(name, expr, (d) => graph.evaluate(right, file, d));
      }
    }
    return;
  }
  if (!ts.isCallExpression(expr)) return;
  const callee = expr.expression;
  const calleeName = ts.isIdentifier(callee)
    ? callee.text
    : ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : "";
  const [first, second, third] = expr.arguments;
  // Object.assign(exports, require("./a"), { b }) merges like module.exports = {...a, b}.
  if (calleeName === "assign" && first && isExports(first)) {
    for (const source of expr.arguments.slice(1)) {
      assignModuleExports(graph, file, source, exports, stars);
    }
  }
  // tsc's CommonJS output: __exportStar(require("./a"), exports) is `export * from "./a"`,
  // Object.defineProperty(exports, "b", { get: () => a_1.b }) a re-export.
  if (calleeName === "__exportStar" && first && second && isExports(second)) {
    assignModuleExports(graph, file, first, exports, stars);
  }
  const name = stringValue(second);
  if (calleeName === "defineProperty" && first && isExports(first) && name !== undefined) {
    const value = third && ts.isObjectLiteralExpression(third) ? definedValue(third) : undefined;
    if (value && name !== "__esModule") add(name, expr, (d) => graph.evaluate(value, file, d));
  }
}

/** The value a property descriptor gives: `value: x`, or what `get` returns. */
function definedValue(descriptor: ts.ObjectLiteralExpression): ts.Expression | undefined {
  for (const property of descriptor.properties) {
    const name = propertyName(property);
    if (name === "value" && ts.isPropertyAssignment(property)) return property.initializer;
    if (name !== "get") continue;
    const body = ts.isMethodDeclaration(property)
      ? property.body
      : ts.isPropertyAssignment(property) &&
          (ts.isFunctionExpression(property.initializer) ||
            ts.isArrowFunction(property.initializer))
        ? property.initializer.body
        : undefined;
    if (body && !ts.isBlock(body)) return body;
    const returned = body?.statements.find(ts.isReturnStatement);
    return returned?.expression;
  }
  return undefined;
}

function isExports(node: ts.Node): boolean {
  return isExportsObject(node) || isModuleExports(node);
}

/** `module.exports = value`: an object literal's properties, or all of another module's exports. */
export function assignModuleExports(
  graph: ModuleGraph,
  file: ModuleFile,
  value: ts.Expression,
  exports: Exports,
  stars: ModuleFile[],
): void {
  if (ts.isObjectLiteralExpression(value)) {
    for (const property of value.properties) {
      if (ts.isSpreadAssignment(property)) {
        assignModuleExports(graph, file, property.expression, exports, stars);
        continue;
      }
      const name = propertyName(property);
      if (name === undefined) continue;
      exports.set(name, {
        file,
        node: property,
        value: (d) => graph.member({ kind: "object", file, node: value }, name, file, property, d),
      });
    }
    return;
  }
  const evaluated = graph.evaluate(value, file, 0);
  if (evaluated.kind === "module") stars.push(evaluated.file);
  else if (evaluated.kind === "object") {
    assignModuleExports(graph, evaluated.file, evaluated.node, exports, stars);
  } else if (evaluated.kind !== "plain") {
    // The module is itself one value (module.exports = onRequest(app)): firebase-tools would
    // deploy nothing by that name, so it is reported as one not-understood export.
    exports.set(SINGLE_VALUE, { file, node: value, value: () => evaluated });
  }
}

function isModuleExports(node: ts.Node): boolean {
  return (
    ts.isPropertyAccessExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === "module" &&
    node.name.text === "exports"
  );
}

function isExportsObject(node: ts.Node): boolean {
  return ts.isIdentifier(node) && node.text === "exports";
}
