import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { isProcessRunning } from "@winky/local-services";

/**
 * What a running `winky dev` tells other winky commands on the same data dir (`winky new`,
 * `winky runs`): where its servers are, so they use them instead of starting a second
 * PostgreSQL on the same cluster. Mode 0600: the database URL holds the generated password,
 * which already sits beside it in `postgres.password`.
 */
export interface RunningStack {
  pid: number;
  databaseUrl: string;
  redisUrl: string;
  runtimeUrl: string;
}

const FILE = "stack.json";

export async function writeStackFile(dataDir: string, stack: RunningStack): Promise<void> {
  await writeFile(path.join(dataDir, FILE), `${JSON.stringify(stack, null, 2)}\n`, {
    mode: 0o600,
  });
}

export async function removeStackFile(dataDir: string): Promise<void> {
  await rm(path.join(dataDir, FILE), { force: true });
}

/**
 * The stack a `winky dev` on `dataDir` runs, when its process is alive and its runtime
 * answers; a file left by a killed `winky dev` is ignored.
 */
export async function findRunningStack(dataDir: string): Promise<RunningStack | undefined> {
  const text = await readFile(path.join(dataDir, FILE), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  let stack: RunningStack;
  try {
    stack = JSON.parse(text) as RunningStack;
  } catch {
    return undefined;
  }
  if (typeof stack.pid !== "number" || !(await isProcessRunning(stack.pid))) return undefined;
  const healthy = await fetch(`${stack.runtimeUrl}/healthz`, { signal: AbortSignal.timeout(2_000) })
    .then((res) => res.ok)
    .catch(() => false);
  return healthy ? stack : undefined;
}
