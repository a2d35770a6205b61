import type { CliIo } from "../src/io.js";

/** A CliIo that keeps what a command prints, for tests that run `runCli` in process. */
export function captureIo(env: Record<string, string> = {}, cwd = process.cwd()) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env,
    cwd,
    stopRequested: new Promise(() => undefined),
  };
  return { io, out: () => out.join(""), err: () => err.join("") };
}
