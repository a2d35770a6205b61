import { isSecretStoreError, SecretStoreError } from "./errors.js";
import type { SecretStore } from "./secret-store.js";
import { assertProjectId, assertSecretName } from "./validation.js";

/**
 * The environment a function starts with: the latest value of each named secret, under its own
 * name. This is the one place in Winky where secret values are revealed, and the result must go
 * straight into the function's process environment: never log it, return it from an API or
 * keep it.
 *
 * @throws SecretStoreError `not-found` listing every missing name at once (so a deploy reports
 *   all of them), `invalid-name` for a bad name, or what the store throws.
 */
export async function secretsAsEnv(
  store: SecretStore,
  project: string,
  names: readonly string[],
): Promise<Record<string, string>> {
  assertProjectId(project);
  const unique = [...new Set(names)];
  unique.forEach(assertSecretName);
  const results = await Promise.all(
    unique.map(async (name) => {
      try {
        return { name, value: (await store.get(project, name)).value };
      } catch (e) {
        if (isSecretStoreError(e) && e.code === "not-found") return { name, value: null };
        throw e;
      }
    }),
  );
  const missing = results.filter((r) => r.value === null).map((r) => r.name);
  if (missing.length > 0) {
    throw new SecretStoreError(
      "not-found",
      `project ${project} has no secret ${missing.join(", ")}: set ${
        missing.length === 1 ? "it" : "them"
      } before starting the function`,
    );
  }
  const env: Record<string, string> = {};
  for (const { name, value } of results) env[name] = value!.reveal();
  return env;
}
