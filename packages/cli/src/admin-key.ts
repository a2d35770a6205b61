import { readFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "./cli-flags.js";
import type { CliIo } from "./io.js";

/** The key: --key-file, else WINKY_ADMIN_KEY, else the emulator's service key for the project. */
export async function adminKeyFor(file: string | boolean | undefined, project: string, io: CliIo) {
  if (typeof file !== "string" && io.env.WINKY_ADMIN_KEY) return io.env.WINKY_ADMIN_KEY;
  const keyFile = path.resolve(
    io.cwd,
    typeof file === "string" ? file : `.winky/emulator/${project}.service-key`,
  );
  const text = await readFile(keyFile, "utf8").catch(() => {
    throw new UsageError(
      `no key: pass --key-file, or set WINKY_ADMIN_KEY (${keyFile} does not exist)`,
    );
  });
  return text.trim();
}
