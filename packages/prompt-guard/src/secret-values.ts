import type { NamedSecret, SecretValues } from "./types.js";

/**
 * What {@link secretStoreValues} needs of a `SecretStore` from `@winky/secrets`, typed by shape
 * so this package depends on nothing: `list` gives names (never values), `get` a record whose
 * value is a `Secret` that only `reveal()` opens.
 */
export interface ListableSecretStore {
  list(project: string): Promise<ReadonlyArray<{ readonly name: string }>>;
  get(project: string, name: string): Promise<{ readonly value: { reveal(): string } }>;
}

/** A secret deleted between `list` and `get`: there is nothing left to leak. */
function isNotFound(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { code?: unknown }).code === "not-found"
  );
}

/**
 * The latest value of every secret of each scope (a project id), read again on every call so
 * a secret set during a run is guarded from the next message on. Any other store error
 * rejects: the guard then fails the call rather than send a prompt it could not check.
 *
 * @example
 * ```ts
 * const guard = createPromptGuard({ secrets: secretStoreValues(store, [projectId]) });
 * ```
 */
export function secretStoreValues(
  store: ListableSecretStore,
  scopes: readonly string[],
): SecretValues {
  return {
    async values() {
      const perScope = await Promise.all(
        scopes.map(async (scope) => {
          const infos = await store.list(scope);
          const found = await Promise.all(
            infos.map(async ({ name }): Promise<NamedSecret | undefined> => {
              try {
                return { name, value: (await store.get(scope, name)).value.reveal() };
              } catch (error) {
                if (isNotFound(error)) return undefined;
                throw error;
              }
            }),
          );
          return found.filter((s): s is NamedSecret => s !== undefined);
        }),
      );
      return perScope.flat();
    },
  };
}

/**
 * Values known outside any store, by name: the platform's own keys (the runtime admin key, a
 * project's service key, `WINKY_MASTER_KEY`) that a prompt must not carry either. Empty and
 * undefined entries are skipped, so `fixedSecretValues({ KEY: process.env.KEY })` is safe.
 */
export function fixedSecretValues(
  values: Readonly<Record<string, string | undefined>>,
): SecretValues {
  const list = Object.entries(values).flatMap(([name, value]) => (value ? [{ name, value }] : []));
  return { values: () => Promise.resolve(list) };
}
