// Copies the app-deps closure (app-deps.mjs) into a docker build context, as it will sit at
// /opt/winky/app-deps: node_modules/<target> per package, node_modules/.bin links for the
// app's direct dependencies, @winky/sdk compiled fresh from its sources, and a manifest.
import { chmod, cp, lstat, mkdir, readdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { run } from "../lib/run.mjs";

/**
 * Fills `<dest>/node_modules`. Each package is copied without its own node_modules (nested
 * packages of the closure are copied as entries of their own) and with symlinks as they are.
 * Every file ends up world-readable, so uid 10001 can read what root owns in the image.
 */
export async function stageAppDeps(appDeps, { repoRoot, dest }) {
  const modules = path.join(dest, "node_modules");
  await mkdir(modules, { recursive: true });
  for (const entry of appDeps.packages) {
    const to = path.join(modules, ...entry.target.split("/"));
    if (entry.workspace) {
      await stageWorkspace(entry, { repoRoot, to });
      continue;
    }
    const ownModules = path.join(entry.dir, "node_modules");
    await cp(entry.dir, to, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (source) => source !== ownModules,
    });
  }
  const binDir = path.join(modules, ".bin");
  await mkdir(binDir, { recursive: true });
  for (const bin of appDeps.bins) {
    const link = path.join(binDir, bin.name);
    await symlink(path.posix.join("..", bin.target), link);
    await chmod(path.join(modules, ...bin.target.split("/")), 0o755);
  }
  const manifest = appDeps.packages.map(({ name, version, target }) => ({ name, version, target }));
  await writeFile(
    path.join(dest, "manifest.json"),
    `${JSON.stringify({ roots: appDeps.roots, packages: manifest }, null, 2)}\n`,
  );
  await makeReadable(dest);
}

/**
 * A workspace package is baked as npm would publish it: its package.json and a dist/ compiled
 * here from its sources (whose hash is in the image tag), never a dist/ that may be stale.
 */
async function stageWorkspace(entry, { repoRoot, to }) {
  await mkdir(to, { recursive: true });
  await cp(path.join(entry.dir, "package.json"), path.join(to, "package.json"));
  const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  const project = path.join(entry.dir, "tsconfig.build.json");
  const outDir = path.join(to, "dist");
  // No source maps: they would point at a src/ the image does not have.
  const args = [tsc, "-p", project, "--outDir", outDir, "--sourceMap", "false"];
  try {
    await run(process.execPath, args);
  } catch (error) {
    throw new Error(`cannot compile ${entry.name} for the builder image: ${error.message}`, {
      cause: error,
    });
  }
}

async function makeReadable(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const entryPath = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    const { mode } = await lstat(entryPath);
    if (entry.isDirectory()) {
      if ((mode & 0o555) !== 0o555) await chmod(entryPath, mode | 0o555);
      await makeReadable(entryPath);
    } else if ((mode & 0o444) !== 0o444) {
      await chmod(entryPath, mode | 0o444);
    }
  }
}
