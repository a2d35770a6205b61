import { mkdir } from "node:fs/promises";
import path from "node:path";
import {
  decodeMasterKey,
  EncryptedFileSecretStore,
  VaultSecretStore,
  type SecretStore,
} from "@winky/secrets";
import { ensureMasterKey } from "../dev/local-secrets.js";

/**
 * The scope of the platform's own secrets (not any runtime project's): the token generation
 * runs push apps' repositories with, for one.
 */
export const PLATFORM_SCOPE = "winky-platform";

/**
 * The secret store the runtime of this data dir uses: Vault when `VAULT_ADDR` and `VAULT_TOKEN`
 * are set, else the encrypted file (`WINKY_SECRETS_FILE`, default `<dataDir>/secrets.json`)
 * under the data dir's master key. The file is locked per write, so the runtime and a command
 * can share it.
 */
export async function openLocalSecretStore(
  dataDir: string,
  env: Record<string, string | undefined>,
): Promise<SecretStore> {
  if (env.VAULT_ADDR && env.VAULT_TOKEN) {
    return new VaultSecretStore({ endpoint: env.VAULT_ADDR, token: env.VAULT_TOKEN });
  }
  await mkdir(dataDir, { recursive: true }); // a first command on a new data dir
  const master = await ensureMasterKey(dataDir, env);
  return new EncryptedFileSecretStore({
    file: env.WINKY_SECRETS_FILE ?? path.join(dataDir, "secrets.json"),
    masterKey: decodeMasterKey(master.key),
  });
}
