import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * The runtime's admin key for local development: WINKY_ADMIN_KEY when set, else a key
 * generated once into `<dataDir>/runtime-admin.key` (mode 0600) and reused afterwards.
 */
export async function ensureAdminKey(
  dataDir: string,
  env: Record<string, string | undefined>,
): Promise<{ key: string; file: string | undefined }> {
  const fromEnv = env.WINKY_ADMIN_KEY;
  if (fromEnv) return { key: fromEnv, file: undefined };
  const file = path.join(dataDir, "runtime-admin.key");
  const saved = await readFile(file, "utf8").catch(() => undefined);
  if (saved && saved.trim().length >= 32) return { key: saved.trim(), file };
  const key = randomBytes(32).toString("base64url");
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return { key, file };
}
