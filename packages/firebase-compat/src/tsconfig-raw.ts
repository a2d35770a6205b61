import { existsSync } from "node:fs";
import ts from "typescript";

// The compiler options esbuild reads from a tsconfig.json (https://esbuild.github.io/content-types/#tsconfig-json).
const READ_BY_ESBUILD = [
  "alwaysStrict",
  "baseUrl",
  "experimentalDecorators",
  "importsNotUsedAsValues",
  "jsx",
  "jsxFactory",
  "jsxFragmentFactory",
  "jsxImportSource",
  "paths",
  "preserveValueImports",
  "target",
  "useDefineForClassFields",
  "verbatimModuleSyntax",
] as const;

/**
 * The functions folder's own tsconfig.json as esbuild's `tsconfigRaw`: its compiler options
 * that change how TypeScript compiles, without following `extends`. Given this, esbuild reads
 * no tsconfig.json itself — none above the folder, and no `extends` leading out of it.
 */
export function tsconfigRawOf(file: string): { compilerOptions: Record<string, unknown> } {
  if (!existsSync(file)) return { compilerOptions: {} };
  // ts.readConfigFile reads comments and trailing commas as tsc does.
  const { config } = ts.readConfigFile(file, ts.sys.readFile) as {
    config?: { compilerOptions?: Record<string, unknown> };
  };
  const options = config?.compilerOptions ?? {};
  const kept: Record<string, unknown> = {};
  for (const key of READ_BY_ESBUILD) if (options[key] !== undefined) kept[key] = options[key];
  return { compilerOptions: kept };
}
