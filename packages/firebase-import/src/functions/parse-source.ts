// One source file parsed with the TypeScript compiler, and its syntax errors as
// `file:line:column: message`. A file that does not parse is still returned (the parser
// recovers), so the rest of it and the other files are analysed; the errors become items.
import path from "node:path";
import ts from "typescript";
import type { SourceRef } from "../report.js";

export interface ModuleFile {
  absPath: string;
  /** Relative to the project folder, with "/" separators: what report items cite. */
  relPath: string;
  sourceFile: ts.SourceFile;
  /** Relative specifiers this file imports, resolved to absolute paths (null: not found). */
  resolved: Map<string, string | null>;
}

export interface SyntaxProblem {
  source: SourceRef;
  message: string;
}

export function scriptKindOf(file: string): ts.ScriptKind {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".ts" || ext === ".mts" || ext === ".cts") return ts.ScriptKind.TS;
  if (ext === ".tsx") return ts.ScriptKind.TSX;
  if (ext === ".jsx") return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

export function parseSource(absPath: string, text: string): ts.SourceFile {
  return ts.createSourceFile(absPath, text, ts.ScriptTarget.Latest, true, scriptKindOf(absPath));
}

/**
 * The parse errors of one file. `parseDiagnostics` on a SourceFile is internal, so a program
 * over just this file (no lib, no imports followed) answers `getSyntacticDiagnostics`.
 */
export function syntaxProblems(sourceFile: ts.SourceFile, relPath: string): SyntaxProblem[] {
  const options: ts.CompilerOptions = { noLib: true, noResolve: true, allowJs: true };
  const host = ts.createCompilerHost(options);
  host.getSourceFile = (name) => (name === sourceFile.fileName ? sourceFile : undefined);
  host.fileExists = (name) => name === sourceFile.fileName;
  host.readFile = (name) => (name === sourceFile.fileName ? sourceFile.text : undefined);
  const program = ts.createProgram({ rootNames: [sourceFile.fileName], options, host });
  return program.getSyntacticDiagnostics(sourceFile).map((d) => {
    const at = sourceFile.getLineAndCharacterOfPosition(d.start ?? 0);
    return {
      source: { file: relPath, line: at.line + 1, column: at.character + 1 },
      message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    };
  });
}

/** Where a node starts, 1-based, as report items cite it. */
export function sourceOf(file: ModuleFile, node: ts.Node): SourceRef {
  const at = file.sourceFile.getLineAndCharacterOfPosition(node.getStart(file.sourceFile));
  return { file: file.relPath, line: at.line + 1, column: at.character + 1 };
}

/** `users.ts:12` for details that point at another place. */
export function shortRef(source: SourceRef): string {
  return `${source.file}:${source.line}`;
}

/** The string a literal (or a template without substitutions) holds, else undefined. */
export function stringValue(node: ts.Node | undefined): string | undefined {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) {
    return node.text;
  }
  return undefined;
}

/** The relative module specifiers a file names: imports, re-exports, require() and import(). */
export function relativeSpecifiers(sourceFile: ts.SourceFile): string[] {
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    const spec = moduleSpecifierOf(node);
    if (spec !== undefined && spec.startsWith(".")) found.add(spec);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return [...found];
}

/** The specifier of an import/export declaration, `require("x")`, `import("x")`, else undefined. */
export function moduleSpecifierOf(node: ts.Node): string | undefined {
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
    return stringValue(node.moduleSpecifier);
  }
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
    return stringValue(node.moduleReference.expression);
  }
  if (ts.isCallExpression(node) && node.arguments.length === 1) {
    const isRequire = ts.isIdentifier(node.expression) && node.expression.text === "require";
    if (isRequire || node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      return stringValue(node.arguments[0]);
    }
  }
  return undefined;
}
