import type { LlmConfig } from "@winky/llm";
import type { ModelEngineDeps } from "@winky/orchestrator";
import { createPromptGuard, fixedSecretValues, secretStoreValues } from "@winky/prompt-guard";
import { PROJECT_ID_PATTERN, type SecretStore } from "@winky/secrets";
import type pg from "pg";
import { openLocalSecretStore, PLATFORM_SCOPE } from "../secrets/local-secret-store.js";

/**
 * The model engine of this data dir's runs, when a model is configured: its settings, and the
 * guard every request to it passes — the keys this machine runs with, and every value in the
 * local secret store's platform scope and the apps' projects (read again on each request, so a
 * secret set mid-run is guarded from then on).
 *
 * @returns the engine, and the store to close with the stack.
 */
export async function modelEngineOf(
  llm: LlmConfig,
  dataDir: string,
  env: Record<string, string | undefined>,
  pool: pg.Pool,
  keys: { adminKey: string; masterKey: string },
): Promise<{ engine: Omit<ModelEngineDeps, "pool">; store: SecretStore }> {
  const store = await openLocalSecretStore(dataDir, env);
  const scopes = async () => {
    const { rows } = await pool.query<{ slug: string }>("select distinct slug from apps");
    // Only names a store scope can have (a two-letter app has no secrets of its own).
    const projects = rows.map((r) => r.slug).filter((slug) => PROJECT_ID_PATTERN.test(slug));
    return [PLATFORM_SCOPE, ...projects];
  };
  const guard = createPromptGuard({
    secrets: [
      fixedSecretValues({
        WINKY_ADMIN_KEY: keys.adminKey,
        WINKY_MASTER_KEY: keys.masterKey,
        OPENAI_API_KEY: env.OPENAI_API_KEY,
      }),
      { values: async () => secretStoreValues(store, await scopes()).values() },
    ],
  });
  return { engine: { config: llm, guard }, store };
}
