// The servers under test run as child processes, each in its own process group (Ctrl-C reaches
// only this process, which then stops them in order), and everything started is stopped, and
// every temp dir removed, at the end, on failure, and on SIGINT/SIGTERM.
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const services = await import(path.join(repo, "packages/local-services/dist/index.js"));

/** A stack of things to undo, run once, last pushed first. */
export function createCleanup() {
  const steps = [];
  let running;
  const run = () =>
    (running ??= (async () => {
      while (steps.length > 0) {
        const [name, fn] = steps.pop();
        await fn().catch((e) => console.error(`cleanup: ${name}: ${e.message}`));
      }
    })());
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the servers`);
      void run().then(() => process.exit(130));
    });
  }
  return { push: (name, fn) => steps.push([name, fn]), run };
}

/**
 * Starts `node <args>` as a ManagedProcess; `readyLines` resolves once it has printed
 * `readyText` `readyCount` times (at once without a `readyText`).
 */
export function startNode({ name, args, env, cwd, logFile, readyText, readyCount = 1 }) {
  let seen = 0;
  let recent = "";
  let ready;
  const readyLines = new Promise((resolve) => (ready = resolve));
  if (!readyText) ready();
  const child = new services.ManagedProcess({
    name,
    command: process.execPath,
    args,
    env,
    cwd,
    logFile,
    onOutput: (text) => {
      if (!readyText) return;
      recent += text;
      let at;
      while ((at = recent.indexOf(readyText)) >= 0) {
        seen += 1;
        recent = recent.slice(at + readyText.length);
      }
      recent = recent.slice(-readyText.length);
      if (seen >= readyCount) ready();
    },
  });
  return { child, readyLines };
}

/** Resolves once `check()` resolves true; rejects when `exited` settles first or on timeout. */
export async function waitReady(name, child, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void child.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${name} exited before it was ready:\n${child.tail()}`);
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${name} not ready after ${timeoutMs} ms:\n${child.tail()}`);
}
