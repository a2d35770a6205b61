// The node_modules a generated app builds, tests and smoke-tests with, baked into the builder
// image at /opt/winky/app-deps/node_modules: the dependency closure of @winky/app-templates
// (its dependencies and devDependencies), the toolchain the build sandbox runs, and @winky/sdk,
// copied from this repo's installed node_modules. Not all of it: that is ~650 MB, the closure
// ~150 MB. Resolution follows Node's: from each package's real directory up through every
// node_modules, so hoisted and nested copies land where Node would look for them.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";

/** Packages the build sandbox runs whether or not the template's manifest lists them. */
export const TOOLCHAIN = ["vite", "vitest", "typescript", "playwright-core"];
/** Workspace packages baked in as built (package.json + dist/), not copied as they are. */
export const BUILT_WORKSPACES = { "@winky/sdk": "packages/sdk" };
export const TEMPLATES_DIR = "agents/templates";

export class AppDepsError extends Error {
  name = "AppDepsError";
}

/**
 * The closure, sorted by where each package goes under node_modules (`target`). Throws an
 * AppDepsError naming the package and who needs it when a non-optional dependency is not
 * installed (run `npm install`), or when a package sits where the image layout cannot mirror.
 */
export function resolveAppDeps(repoRoot) {
  const rootModules = path.join(repoRoot, "node_modules");
  const templatesDir = path.join(repoRoot, TEMPLATES_DIR);
  const manifest = readManifest(templatesDir, "the app template");
  const roots = [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.devDependencies ?? {}),
    ...TOOLCHAIN,
    ...Object.keys(BUILT_WORKSPACES),
  ].filter((name, index, all) => all.indexOf(name) === index);

  /** real dir → entry; targets by real dir tell where a nested node_modules maps to. */
  const byRealDir = new Map();
  const byTarget = new Map();
  const pending = roots.map((name) => ({ name, from: templatesDir, neededBy: manifest.name }));

  while (pending.length > 0) {
    const { name, from, neededBy, optional } = pending.pop();
    const found = findPackage(name, from);
    if (!found) {
      if (optional) continue;
      throw new AppDepsError(
        `${name} (needed by ${neededBy}) is not installed under ${from}: run \`npm install\``,
      );
    }
    const realDir = realpathSync(found);
    if (byRealDir.has(realDir)) continue;
    const target = targetOf(found, { rootModules, templatesDir, byRealDir });
    const pkg = readManifest(found, name);
    const workspace = BUILT_WORKSPACES[pkg.name];
    if (!workspace && isLink(found)) {
      throw new AppDepsError(`${name} links to ${realDir}, a workspace the image cannot bake`);
    }
    const clash = byTarget.get(target);
    if (clash) {
      throw new AppDepsError(
        `${pkg.name}@${pkg.version} and ${clash.name}@${clash.version} both belong at ` +
          `node_modules/${target}; install so that only one of them is hoisted`,
      );
    }
    const entry = { name: pkg.name, version: pkg.version, target, dir: realDir, workspace };
    entry.bin = binsOf(pkg);
    byRealDir.set(realDir, entry);
    byTarget.set(target, entry);
    const who = `${pkg.name}@${pkg.version}`;
    const peerMeta = pkg.peerDependenciesMeta ?? {};
    const edges = [
      ...Object.keys(pkg.dependencies ?? {}).map((dep) => [dep, false]),
      ...Object.keys(pkg.optionalDependencies ?? {}).map((dep) => [dep, true]),
      // Peers the host has installed resolve the same way in the image; absent optional
      // peers (sass, terser …) are simply not there.
      ...Object.keys(pkg.peerDependencies ?? {}).map((dep) => [dep, !!peerMeta[dep]?.optional]),
    ];
    for (const [dep, isOptional] of edges) {
      pending.push({ name: dep, from: realDir, neededBy: who, optional: isOptional });
    }
  }

  const packages = [...byTarget.values()].sort((a, b) => compare(a.target, b.target));
  const rootSet = new Set(roots);
  // Only the app's direct dependencies get node_modules/.bin entries, as npm does for it.
  const bins = packages
    .filter((entry) => rootSet.has(entry.name) && !entry.target.includes("/node_modules/"))
    .flatMap((entry) =>
      Object.entries(entry.bin).map(([name, file]) => ({
        name,
        target: path.posix.join(entry.target, file),
      })),
    )
    .sort((a, b) => compare(a.name, b.name))
    .filter((bin, index, all) => index === 0 || all[index - 1].name !== bin.name);
  return { roots, packages, bins };
}

/** `target name@version` lines: what the builder image's tag hashes (see image-tag.mjs). */
export function appDepsFingerprint(appDeps) {
  return appDeps.packages.map((entry) => `${entry.target} ${entry.name}@${entry.version}`);
}

/**
 * sha256 over what the built workspace packages are compiled from (their package.json,
 * tsconfigs and non-test sources, and the repo's tsconfig.base.json): the image bakes a dist/
 * compiled from exactly these, so the tag changes with them although their version does not.
 */
export function hashBuiltWorkspaces(repoRoot) {
  const hash = createHash("sha256");
  const files = [path.join(repoRoot, "tsconfig.base.json")];
  for (const dir of Object.values(BUILT_WORKSPACES).map((d) => path.join(repoRoot, d))) {
    files.push(
      ...["package.json", "tsconfig.json", "tsconfig.build.json"].map((f) => path.join(dir, f)),
      ...listSources(path.join(dir, "src")),
    );
  }
  for (const file of files) {
    hash.update(`${path.relative(repoRoot, file)}\0`);
    hash.update(existsSync(file) ? readFileSync(file) : "(missing)");
    hash.update("\0");
  }
  return hash.digest("hex");
}

function listSources(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

/** Node's lookup: <dir>/node_modules/<name>, then each parent's, up to the filesystem root. */
function findPackage(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Where `found` goes under the image's node_modules. The root node_modules maps as it is; the
 * template's own node_modules (a version npm could not hoist) maps to the top, since an app's
 * node_modules is the template's; a package's nested node_modules maps under that package.
 */
function targetOf(found, { rootModules, templatesDir, byRealDir }) {
  if (found.startsWith(rootModules + path.sep)) {
    return toPosix(path.relative(rootModules, found));
  }
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = found.lastIndexOf(marker);
  const owner = found.slice(0, at);
  const rest = toPosix(found.slice(at + marker.length));
  if (owner === templatesDir) return rest;
  const parent = byRealDir.get(owner);
  if (parent) return `${parent.target}/node_modules/${rest}`;
  throw new AppDepsError(`${found} is in no node_modules the image layout can mirror`);
}

/** Whether the last component of `dir` is a symlink (npm links workspaces that way). */
function isLink(dir) {
  return realpathSync(dir) !== path.join(realpathSync(path.dirname(dir)), path.basename(dir));
}

function binsOf(pkg) {
  if (typeof pkg.bin === "string") return { [pkg.name.replace(/^@[^/]+\//, "")]: pkg.bin };
  return pkg.bin ?? {};
}

function readManifest(dir, what) {
  const file = path.join(dir, "package.json");
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new AppDepsError(`cannot read ${what}'s ${file}: ${error.message}`);
  }
}

function toPosix(relative) {
  return relative.split(path.sep).join("/");
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
