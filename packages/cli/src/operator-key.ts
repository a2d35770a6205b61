import { readFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "./cli-flags.js";
import type { CliIo } from "./io.js";

/** Where the local runtime's operator key is: `winky emulators:start`'s, then `winky dev`'s. */
export function defaultOperatorKeyFiles(cwd: string): string[] {
  return [
    path.join(cwd, ".winky", "emulator", "runtime-admin.key"),
    path.join(cwd, ".winky", "runtime-admin.key"),
  ];
}

/**
 * The runtime's operator key, for commands that need more than a project's service key (making
 * a project, reading password hashes): --key-file, else WINKY_ADMIN_KEY, else the local one.
 *
 * @throws UsageError saying `why` the key is needed and where it looked.
 */
export async function operatorKey(
  keyFile: string | undefined,
  io: CliIo,
  why: string,
): Promise<string> {
  if (!keyFile && io.env.WINKY_ADMIN_KEY) return io.env.WINKY_ADMIN_KEY;
  const files = keyFile ? [path.resolve(io.cwd, keyFile)] : defaultOperatorKeyFiles(io.cwd);
  for (const file of files) {
    const text = await readFile(file, "utf8").catch(() => null);
    if (text !== null) return text.trim();
  }
  throw new UsageError(
    `no operator key: ${why}, which needs the runtime's admin key; pass --key-file or set WINKY_ADMIN_KEY (${files.join(" and ")} do not exist)`,
  );
}
