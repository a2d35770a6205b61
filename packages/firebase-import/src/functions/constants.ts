// Reading option values the way a reader of the source would: literals, or names bound to
// literals (`const REGION = "europe-west1"`, a secret imported from config.ts). Whatever is
// computed at run time reads as undefined and the caller says so in the report.
import ts from "typescript";
import type { ModuleGraph, Value } from "./evaluate.js";
import { propertyName } from "./evaluate.js";
import { stringValue, type ModuleFile } from "./parse-source.js";

export interface Located {
  expr: ts.Expression;
  file: ModuleFile;
}

export interface ObjectValue {
  file: ModuleFile;
  node: ts.ObjectLiteralExpression;
}

/** The literal an expression stands for, following names; else the evaluator's value. */
function literal(graph: ModuleGraph, at: Located): { node?: ts.Node; value: Value } {
  const value = graph.evaluate(at.expr, at.file);
  return { value, ...(value.kind === "plain" && value.node ? { node: value.node } : {}) };
}

export function readString(graph: ModuleGraph, at: Located | undefined): string | undefined {
  return at ? stringValue(literal(graph, at).node) : undefined;
}

export function readNumber(graph: ModuleGraph, at: Located | undefined): number | undefined {
  const node = at ? literal(graph, at).node : undefined;
  if (node && ts.isNumericLiteral(node)) return Number(node.text);
  return undefined;
}

export function readBoolean(graph: ModuleGraph, at: Located | undefined): boolean | undefined {
  const node = at ? literal(graph, at).node : undefined;
  if (node?.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node?.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

export function readObject(graph: ModuleGraph, at: Located | undefined): ObjectValue | undefined {
  if (!at) return undefined;
  const value = graph.evaluate(at.expr, at.file);
  return value.kind === "object" ? { file: value.file, node: value.node } : undefined;
}

/** The elements of an array literal (or of a name bound to one); undefined otherwise. */
export function readArray(graph: ModuleGraph, at: Located | undefined): Located[] | undefined {
  const value = at ? literal(graph, at) : undefined;
  const node = value?.node;
  if (!node || !ts.isArrayLiteralExpression(node) || value.value.kind !== "plain") return undefined;
  const file = value.value.file ?? (at as Located).file;
  return node.elements.map((expr) => ({ expr, file }));
}

/** `{ a: 1 }`'s members by name, each with the file it is written in. */
export function membersOf(object: ObjectValue): Map<string, Located> {
  const members = new Map<string, Located>();
  for (const property of object.node.properties) {
    const name = propertyName(property);
    if (name === undefined) continue;
    if (ts.isPropertyAssignment(property)) {
      members.set(name, { expr: property.initializer, file: object.file });
    } else if (ts.isShorthandPropertyAssignment(property)) {
      members.set(name, { expr: property.name, file: object.file });
    }
  }
  return members;
}

/**
 * A secret as an option names it: "KEY", or a name bound to `defineSecret("KEY")` (the SDK
 * value's first argument).
 */
export function readSecretName(graph: ModuleGraph, at: Located): string | undefined {
  const direct = readString(graph, at);
  if (direct !== undefined) return direct;
  const value = graph.evaluate(at.expr, at.file);
  if (value.kind !== "sdk") return undefined;
  const last = value.segments[value.segments.length - 1];
  const arg = last?.args?.[0];
  if (last?.name !== "defineSecret" || !arg) return undefined;
  return readString(graph, { expr: arg, file: last.file });
}
