// What each top-level name of a module is bound to: the firebase-functions SDK (however it is
// imported), another module of the project, a package, or a local declaration. Only top-level
// names matter: exports and the SDK handles they are built from live at the top of a module.
import ts from "typescript";
import { stringValue, type ModuleFile } from "./parse-source.js";

export type Binding =
  /** A place in the SDK: `import { onCall } from "firebase-functions/v2/https"` → v2.https.onCall. */
  | { kind: "sdk"; path: string[] }
  /** An export of a project module; `exportName` null for the whole module (`import * as`). */
  | { kind: "module"; spec: string; target: string | null; exportName: string | null }
  /** Anything from another package (firebase-admin, express…): never a Cloud Function. */
  | { kind: "external" }
  /** `const x = expr` (or `const { a: { b: x } } = expr`, `properties` ["a", "b"]). */
  | { kind: "init"; expr: ts.Expression; properties: string[] }
  /** Functions, classes, enums, variables without a value. */
  | { kind: "declared"; node: ts.Node };

const SDK_PACKAGE = "firebase-functions";

/** "firebase-functions/v2/https" → ["v2", "https"]; undefined for other specifiers. */
export function sdkPath(spec: string): string[] | undefined {
  if (spec === SDK_PACKAGE) return [];
  if (!spec.startsWith(`${SDK_PACKAGE}/`)) return undefined;
  // "firebase-functions/lib/v2/providers/https" is the same place as "firebase-functions/v2/https".
  return spec
    .slice(SDK_PACKAGE.length + 1)
    .split("/")
    .filter((part) => part !== "" && part !== "lib" && part !== "providers");
}

const cache = new WeakMap<ModuleFile, Map<string, Binding>>();

export function bindingsOf(file: ModuleFile): Map<string, Binding> {
  const cached = cache.get(file);
  if (cached) return cached;
  const bindings = new Map<string, Binding>();
  for (const statement of file.sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) addImport(file, statement, bindings);
    else if (ts.isImportEqualsDeclaration(statement)) {
      const ref = statement.moduleReference;
      const spec = ts.isExternalModuleReference(ref) ? stringValue(ref.expression) : undefined;
      if (spec !== undefined) bindings.set(statement.name.text, fromSpecifier(file, spec, null));
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        bindPattern(declaration.name, declaration.initializer, [], bindings);
      }
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      bindings.set(statement.name.text, { kind: "declared", node: statement });
    }
  }
  cache.set(file, bindings);
  return bindings;
}

function addImport(
  file: ModuleFile,
  statement: ts.ImportDeclaration,
  bindings: Map<string, Binding>,
): void {
  const spec = stringValue(statement.moduleSpecifier);
  const clause = statement.importClause;
  if (spec === undefined || !clause || clause.isTypeOnly) return;
  // A default import of the SDK is the namespace (esModuleInterop); of a project module, its
  // default export (the evaluator falls back to the whole module for CommonJS).
  if (clause.name) bindings.set(clause.name.text, fromSpecifier(file, spec, "default"));
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named)) {
    bindings.set(named.name.text, fromSpecifier(file, spec, null));
  } else if (named) {
    for (const element of named.elements) {
      if (element.isTypeOnly) continue;
      const imported = (element.propertyName ?? element.name).text;
      bindings.set(element.name.text, fromSpecifier(file, spec, imported));
    }
  }
}

function fromSpecifier(file: ModuleFile, spec: string, exportName: string | null): Binding {
  const sdk = sdkPath(spec);
  if (sdk) {
    return {
      kind: "sdk",
      path: exportName && exportName !== "default" ? [...sdk, exportName] : sdk,
    };
  }
  if (spec.startsWith(".")) {
    return { kind: "module", spec, target: file.resolved.get(spec) ?? null, exportName };
  }
  return { kind: "external" };
}

function bindPattern(
  name: ts.BindingName,
  initializer: ts.Expression | undefined,
  properties: string[],
  bindings: Map<string, Binding>,
): void {
  if (ts.isIdentifier(name)) {
    bindings.set(
      name.text,
      initializer
        ? { kind: "init", expr: initializer, properties }
        : { kind: "declared", node: name },
    );
    return;
  }
  for (const element of name.elements) {
    if (ts.isOmittedExpression(element)) continue;
    const key = element.propertyName ?? element.name;
    const property =
      ts.isObjectBindingPattern(name) && (ts.isIdentifier(key) || ts.isStringLiteral(key))
        ? key.text
        : undefined;
    // Array patterns and rest elements are not followed: their names are plain locals.
    if (property === undefined || element.dotDotDotToken) {
      bindPattern(element.name, undefined, properties, bindings);
    } else bindPattern(element.name, initializer, [...properties, property], bindings);
  }
}
