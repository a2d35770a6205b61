// Loads a bundle as the runtime would run it: bundled once more from a string with loader
// "ts" (as apps/runtime's bundle.ts does), written to a temporary .mjs, and imported.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { bundleFirebaseFunction, type BundleRequest } from "../bundle.js";
import type { RuntimeContext } from "../../shims/context.js";

export type RuntimeHandler = (event: unknown, context: RuntimeContext) => Promise<unknown>;

let count = 0;

export async function loadBundle(source: string): Promise<RuntimeHandler> {
  const rebundled = await build({
    stdin: { contents: source, sourcefile: "index.ts", loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  const text = rebundled.outputFiles[0]?.text ?? "";
  const dir = await mkdtemp(path.join(tmpdir(), "winky-fb-bundle-"));
  const file = path.join(dir, `fn-${++count}.mjs`);
  await writeFile(file, text);
  const module = (await import(pathToFileURL(file).href)) as { default: RuntimeHandler };
  return module.default;
}

/** Bundles and loads one function of a functions folder. */
export async function loadFunction(request: BundleRequest): Promise<RuntimeHandler> {
  return loadBundle(await bundleFirebaseFunction(request));
}

/** Writes `files` (paths relative to a new temporary folder) and answers the folder. */
export async function writeProject(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "winky-fb-project-"));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return dir;
}
