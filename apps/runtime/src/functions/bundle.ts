import { build, type Message } from "esbuild";
import { invalidArgument } from "../errors/runtime-error.js";
import { FUNCTION_WRAPPER } from "./function-wrapper.js";

const SOURCE_FILE = "index.ts";

// Locations in the deployed source come as `winky-source:index.ts`.
const fileOf = (m: Message) => m.location?.file.replace(/^winky-source:/, "") ?? SOURCE_FILE;

function describe(m: Message): string {
  const at = m.location ? `${fileOf(m)}:${m.location.line}:${m.location.column + 1}: ` : "";
  return `${at}${m.text}`;
}

/**
 * Bundles a function's source (TypeScript or JavaScript, an ES module) behind the entry of
 * `function-wrapper.ts` into one ESM file for Node 20. Imports must resolve from the source alone: there is no `node_modules` to bundle.
 *
 * @throws RuntimeError invalid-argument naming `index.ts:line:column` of each compile error.
 */
export async function bundleFunction(source: string): Promise<string> {
  try {
    const result = await build({
      stdin: { contents: FUNCTION_WRAPPER, sourcefile: "winky-entry.js", loader: "js" },
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      write: false,
      logLevel: "silent",
      plugins: [
        {
          name: "winky-source",
          setup(b) {
            b.onResolve({ filter: /^winky:function$/ }, () => ({
              path: SOURCE_FILE,
              namespace: "winky-source",
            }));
            b.onLoad({ filter: /.*/, namespace: "winky-source" }, () => ({
              contents: source,
              loader: "ts",
            }));
          },
        },
      ],
    });
    return result.outputFiles[0]?.text ?? "";
  } catch (e) {
    const errors = (e as { errors?: Message[] }).errors;
    if (!errors?.length) throw e;
    throw invalidArgument(`source does not compile: ${errors.map(describe).join("; ")}`, {
      errors: errors.map((m) => ({
        message: m.text,
        ...(m.location
          ? { file: fileOf(m), line: m.location.line, column: m.location.column + 1 }
          : {}),
      })),
    });
  }
}
