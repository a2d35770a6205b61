import { spawn } from "node:child_process";
import { realpathSync } from "node:fs";
import { SANDBOX_USER } from "../core/launcher.js";
import { SANDBOX_NODE } from "./bwrap-args.js";
import { hostRootEntries } from "./host-root.js";

export interface BubblewrapProbe {
  /** A sandbox like BubblewrapSandbox's ran node and exited 0. */
  available: boolean;
  /** The bwrap version, or why it cannot be used. */
  detail: string;
}

const SEARCH_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/**
 * Whether bubblewrap works here as BubblewrapSandbox uses it: installed, allowed to make
 * unprivileged user namespaces (some kernels and containers forbid it), and able to run node.
 * Never throws. As root it runs bwrap as the sandbox user, as the sandbox does.
 */
export async function probeBubblewrap(
  options: { bwrapPath?: string; nodePath?: string; timeoutMs?: number } = {},
): Promise<BubblewrapProbe> {
  const bwrap = options.bwrapPath ?? "bwrap";
  let node: string;
  try {
    node = realpathSync(options.nodePath ?? process.execPath);
  } catch (error) {
    return { available: false, detail: `no node binary: ${(error as Error).message}` };
  }
  const version = await run(bwrap, ["--version"], options.timeoutMs);
  if (version.code !== 0) return { available: false, detail: `${bwrap}: ${version.output}` };
  const args = [
    "--unshare-all",
    "--unshare-user",
    "--disable-userns",
    "--uid",
    String(SANDBOX_USER.uid),
    "--gid",
    String(SANDBOX_USER.gid),
    "--die-with-parent",
    "--ro-bind",
    "/usr",
    "/usr",
    ...hostRootEntries().flatMap((entry) =>
      entry.kind === "symlink"
        ? ["--symlink", entry.target, entry.path]
        : ["--ro-bind", entry.path, entry.path],
    ),
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--ro-bind",
    node,
    SANDBOX_NODE,
    "--",
    SANDBOX_NODE,
    "-e",
    "process.exit(0)",
  ];
  const sandboxed = await run(bwrap, args, options.timeoutMs);
  return sandboxed.code === 0
    ? { available: true, detail: version.output }
    : { available: false, detail: `${version.output} cannot make a sandbox: ${sandboxed.output}` };
}

function run(
  command: string,
  args: string[],
  timeoutMs = 10_000,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const asRoot = process.getuid?.() === 0;
    const child = spawn(command, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { PATH: SEARCH_PATH },
      timeout: timeoutMs,
      ...(asRoot ? { uid: SANDBOX_USER.uid, gid: SANDBOX_USER.gid } : {}),
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", (error) => resolve({ code: null, output: error.message }));
    child.on("close", (code) => resolve({ code, output: output.trim() || `exit ${code}` }));
  });
}
