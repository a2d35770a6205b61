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
  return ensureLocalSecret(dataDir, env, "WINKY_ADMIN_KEY", "runtime-admin.key");
}

/**
 * The master key that encrypts secrets at rest (signing keys): WINKY_MASTER_KEY when set, else
 * 32 random bytes generated once into `<dataDir>/master.key` (mode 0600).
 */
export async function ensureMasterKey(
  dataDir: string,
  env: Record<string, string | undefined>,
): Promise<{ key: string; file: string | undefined }> {
  return ensureLocalSecret(dataDir, env, "WINKY_MASTER_KEY", "master.key");
}

async function ensureLocalSecret(
  dataDir: string,
  env: Record<string, string | undefined>,
  variable: string,
  fileName: string,
): Promise<{ key: string; file: string | undefined }> {
  const fromEnv = env[variable];
  if (fromEnv) return { key: fromEnv, file: undefined };
  const file = path.join(dataDir, fileName);
  const saved = await readFile(file, "utf8").catch(() => undefined);
  if (saved && saved.trim().length >= 32) return { key: saved.trim(), file };
  const key = randomBytes(32).toString("base64url");
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return { key, file };
}
