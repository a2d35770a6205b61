import { existsSync, readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import path from "node:path";
import { build, type Message, type Plugin } from "esbuild";
import { functionsMajorOf, SHIMS_DIR, shimFor } from "./shim-map.js";
import { tsconfigRawOf } from "./tsconfig-raw.js";
import { isInside } from "./inside-folder.js";

/** The runtime's trigger kinds (`FunctionTrigger["kind"]` in apps/runtime). */
export type TriggerKind = "callable" | "http" | "document" | "auth" | "storage" | "schedule";

export interface BundleRequest {
  /** The functions folder (firebase.json's `functions.source`), absolute. */
  sourceDir: string;
  /**
   * The folder nothing bundled may come from outside of (the project folder; default
   * `sourceDir`): a project from elsewhere must not pull in this machine's other files.
   */
  rootDir?: string;
  /** The entry module, absolute or relative to `sourceDir` (`src/index.ts`, `index.js`). */
  entryFile: string;
  /** How the function is reached from the entry: `["accounts", "created"]`. */
  exportPath: readonly string[];
  /** The runtime trigger it is deployed with: the export must be a function of that kind. */
  kind: TriggerKind;
}

/** A bundle that cannot be built; `errors` as esbuild located them, relative to the folder. */
export class FirebaseBundleError extends Error {
  constructor(
    message: string,
    readonly errors: Array<{ message: string; file?: string; line?: number; column?: number }>,
  ) {
    super(message);
    this.name = "FirebaseBundleError";
  }
}

const FIREBASE = /^firebase-(functions|admin)(\/|$)/;
const BARE = /^[^./]/;

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
const packageOf = (specifier: string) =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");

/** `dir` itself or a path below it. */
/**
 * Refuses relative and absolute imports leading out of `rootDir` (the shims excepted), and
 * any file from outside it before it is read, however it was resolved (a package found above
 * the folder, a `main` or tsconfig path leading out).
 */
function stayInsidePlugin(rootDir: string): Plugin {
  const outside = (file: string) => !isInside(rootDir, file) && !isInside(SHIMS_DIR, file);
  return {
    name: "winky-stay-inside",
    setup(b) {
      b.onLoad({ filter: /.*/, namespace: "file" }, ({ path: file }) =>
        outside(file)
          ? { errors: [{ text: `${file} is outside the project folder: it is not bundled` }] }
          : undefined,
      );
      b.onResolve({ filter: /^(\.{1,2}(\/|$)|\/)/ }, ({ path: specifier, resolveDir }) => {
        if (!outside(path.resolve(resolveDir, specifier))) return undefined;
        return {
          errors: [{ text: `cannot import "${specifier}": it is outside the project folder` }],
        };
      });
    },
  };
}

function firebasePlugin(sourceDir: string): Plugin {
  let major: number | undefined;
  const manifest = path.join(sourceDir, "package.json");
  if (existsSync(manifest)) major = functionsMajorOf(JSON.parse(readFileSync(manifest, "utf8")));
  const modules = path.join(sourceDir, "node_modules");
  return {
    name: "winky-firebase-compat",
    setup(b) {
      b.onResolve({ filter: FIREBASE }, ({ path: specifier }) => {
        const shim = shimFor(specifier, major);
        if (shim) return { path: shim };
        // No shim: a module whose exports refuse when used, so the rest still deploys.
        return { path: specifier, namespace: "winky-unavailable" };
      });
      b.onLoad({ filter: /.*/, namespace: "winky-unavailable" }, ({ path: specifier }) => ({
        contents: [
          `const { unavailableModule } = require(${JSON.stringify(path.join(SHIMS_DIR, "unavailable.ts"))});`,
          `module.exports = unavailableModule(${JSON.stringify(specifier)});`,
        ].join("\n"),
        loader: "js",
        resolveDir: SHIMS_DIR,
      }));
      b.onResolve({ filter: BARE }, ({ path: specifier, importer }) => {
        // Builtins stay imports, always as node:<name> (the runtime leaves only those).
        const name = specifier.replace(/^node:/, "");
        if (isBuiltin(specifier)) return { path: `node:${name}`, external: true };
        // The shims import only builtins; a dependency's own imports resolve as Node would.
        if (
          importer.startsWith(SHIMS_DIR) ||
          importer.includes(`${path.sep}node_modules${path.sep}`)
        ) {
          return undefined;
        }
        if (existsSync(path.join(modules, packageOf(specifier)))) return undefined;
        return {
          errors: [
            {
              text: `cannot import "${specifier}": it is not in ${path.relative(process.cwd(), modules) || modules} (install the functions' dependencies first)`,
            },
          ],
        };
      });
    },
  };
}

function entrySource(entry: string, exportPath: readonly string[], kind: TriggerKind): string {
  const adapter = path.join(SHIMS_DIR, "adapter.ts");
  return [
    `import * as entry from ${JSON.stringify(entry)};`,
    `import { exportAt, toRuntimeHandler } from ${JSON.stringify(adapter)};`,
    `export default toRuntimeHandler(exportAt(entry, ${JSON.stringify(exportPath)}), ${JSON.stringify(kind)});`,
  ].join("\n");
}

/**
 * Bundles one Firebase function — its entry module, what that imports (TypeScript, ESM or
 * CommonJS) and the firebase-functions / firebase-admin shims — into one ESM source whose
 * default export is the runtime's `handler(event, context)`. Only `node:*` imports remain, so
 * the result deploys as a function's `source` (the runtime bundles it again with its wrapper).
 *
 * @throws FirebaseBundleError naming `file:line:column` of each import or syntax problem.
 */
export async function bundleFirebaseFunction(request: BundleRequest): Promise<string> {
  const sourceDir = path.resolve(request.sourceDir);
  const rootDir = path.resolve(request.rootDir ?? sourceDir);
  const entry = path.resolve(sourceDir, request.entryFile);
  try {
    const result = await build({
      stdin: {
        contents: entrySource(entry, request.exportPath, request.kind),
        resolveDir: sourceDir,
        sourcefile: "winky-firebase-entry.js",
        loader: "js",
      },
      absWorkingDir: sourceDir,
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      write: false,
      logLevel: "silent",
      legalComments: "none",
      // CommonJS code's require() of a builtin needs a real require in an ES module.
      banner: {
        js: 'import { createRequire as __winkyCreateRequire } from "node:module";\nconst require = __winkyCreateRequire(import.meta.url);',
      },
      plugins: [stayInsidePlugin(rootDir), firebasePlugin(sourceDir)],
      tsconfigRaw: tsconfigRawOf(path.join(sourceDir, "tsconfig.json")),
      metafile: true,
    });
    // What was bundled, checked once more: nothing from outside the folder.
    const outside = Object.keys(result.metafile.inputs)
      .filter((input) => !input.startsWith("winky-unavailable:"))
      .map((input) => path.resolve(sourceDir, input))
      .filter((file) => !isInside(rootDir, file) && !isInside(SHIMS_DIR, file));
    if (outside.length > 0) {
      throw new FirebaseBundleError(
        `the function does not bundle: it uses ${outside.join(", ")}, outside the project folder`,
        outside.map((file) => ({ message: `${file} is outside the project folder` })),
      );
    }
    return result.outputFiles[0]?.text ?? "";
  } catch (e) {
    if (e instanceof FirebaseBundleError) throw e;
    const errors = (e as { errors?: Message[] }).errors;
    if (!errors?.length) throw e;
    const located = errors.map((m) => ({
      message: m.text,
      ...(m.location
        ? { file: m.location.file, line: m.location.line, column: m.location.column + 1 }
        : {}),
    }));
    const text = located
      .map((l) => (l.file ? `${l.file}:${l.line}:${l.column}: ${l.message}` : l.message))
      .join("; ");
    throw new FirebaseBundleError(`the function does not bundle: ${text}`, located);
  }
}
