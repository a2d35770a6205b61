import { spawn } from "node:child_process";

/** Runs a command to its end, optionally as another user, and returns its exit code and output. */
export function runToCompletion(
  command: string,
  args: readonly string[],
  user?: { uid: number; gid: number },
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, [...args], {
      stdio: ["ignore", "pipe", "pipe"],
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    let output = "";
    const collect = (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-8192));
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("error", (error) => resolve({ code: -1, output: `${output}${error.message}` }));
    child.once("close", (code) => resolve({ code: code ?? -1, output: output.trim() }));
  });
}
