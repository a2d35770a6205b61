import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The studio's directory (where `app/`, `next.config.ts` and `.next/` are). */
export const studioDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = path.resolve(studioDir, "../..");

/** What `next build` reads: when one is newer than `.next/BUILD_ID`, the build is stale. */
const INPUTS = [
  "apps/studio/app",
  "apps/studio/src",
  "apps/studio/proxy.ts",
  "apps/studio/next.config.ts",
  "apps/studio/package.json",
  "apps/studio/tsconfig.json",
  "packages/admin-client/src",
  "packages/api-client/src",
  "packages/config/src",
];

function newestMtime(target: string): number {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  // Files only: a directory's own time changes whenever an editor or a formatter writes a
  // temporary file in it.
  return Math.max(
    0,
    ...readdirSync(target)
      .filter((name) => !/\.(int\.)?test\.ts$/.test(name))
      .map((name) => newestMtime(path.join(target, name))),
  );
}

/**
 * Makes sure `.next/` holds a build of the current sources: `next build` (10–20 s) only when
 * a source is newer than the last build, so repeated test runs reuse it.
 *
 * @returns whether it built, and how long it took (0 when the build was reused).
 */
export async function ensureFreshNextBuild(): Promise<{ built: boolean; ms: number }> {
  // Test files running at once (vitest's workers, or two runs) build one at a time: two
  // `next build`s writing one `.next/` would leave neither.
  const release = await takeBuildLock();
  try {
    return await buildUnlessFresh();
  } finally {
    release();
  }
}

const LOCK = path.join(studioDir, ".next-build.lock");

/** Waits (up to 5 min) for the build lock: a directory only one process can create. */
async function takeBuildLock(): Promise<() => void> {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      // A lock older than any build is a crashed test run's: take it over.
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age > 3 * 60_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`${LOCK} was held for 5 minutes`, { cause: e });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function buildUnlessFresh(): Promise<{ built: boolean; ms: number }> {
  const builtAt = newestMtime(path.join(studioDir, ".next", "BUILD_ID"));
  const sourcesAt = Math.max(...INPUTS.map((input) => newestMtime(path.join(repoRoot, input))));
  if (builtAt > sourcesAt) return { built: false, ms: 0 };
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, "node_modules/next/dist/bin/next"), "build"],
      {
        cwd: studioDir,
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`next build failed (${code}):\n${output.slice(-4000)}`)),
    );
  });
  return { built: true, ms: Date.now() - started };
}
