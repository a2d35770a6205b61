import type { Secret } from "./secret.js";

/** One version of a secret, without its value. */
export interface SecretVersionInfo {
  /** 1 for the first value set under a name, then 2, 3, … (restarting after a delete). */
  readonly version: number;
  readonly createdAt: Date;
}

/** A secret as `list` shows it: never its value. */
export interface SecretInfo {
  readonly name: string;
  /** The latest version. */
  readonly version: number;
  /** When the first retained history began (the first `set` after creation or delete). */
  readonly createdAt: Date;
  /** When the latest version was set. */
  readonly updatedAt: Date;
}

/** A value read back, wrapped so that logging the record does not print it. */
export interface SecretRecord extends SecretVersionInfo {
  readonly name: string;
  readonly value: Secret;
}

/** Options of {@link SecretStore.get}. */
export interface GetSecretOptions {
  /** A retained version; the latest when absent. */
  readonly version?: number;
}

/**
 * Versioned secrets, scoped by project. The contract every implementation keeps (the
 * conformance suite `describeSecretStore` from `@winky/secrets/testing` checks it):
 *
 * - Names match `^[A-Z_][A-Z0-9_]{0,254}$` so they can become environment variables; project
 *   ids match the runtime's (`^[a-z][a-z0-9-]{2,62}$`). Values are strings of at most 64 KiB of
 *   UTF-8, without NUL. A bad input is refused before anything is written.
 * - `set` always creates a new version; versions count from 1. Stores keep the most recent
 *   versions only (10 by default, as Vault does); older ones answer `not-found`.
 * - `delete` is a hard delete of every version and of the metadata: nothing is kept to undelete,
 *   and a later `set` starts again at version 1. It is idempotent and says whether it removed
 *   anything.
 * - Values only ever leave a store wrapped in a {@link Secret}; `list` and `versions` return
 *   metadata only. Errors are `SecretStoreError`s whose messages never hold a value.
 * - Every method is safe to call concurrently; the adapter owns its connection or file.
 */
export interface SecretStore {
  /**
   * Stores `value` as a new version of `name`.
   *
   * @throws SecretStoreError `invalid-name`, `invalid-argument`, `too-large` (nothing written),
   *   `unavailable`, `corrupt`.
   */
  set(project: string, name: string, value: string | Secret): Promise<SecretVersionInfo>;

  /**
   * Reads the latest version of `name`, or the given one.
   *
   * @throws SecretStoreError `not-found` when there is no such secret or retained version;
   *   `invalid-name`, `invalid-argument`, `unavailable`, `corrupt`.
   */
  get(project: string, name: string, options?: GetSecretOptions): Promise<SecretRecord>;

  /**
   * The project's secrets, sorted by name, with metadata and never values; `[]` for a project
   * without any.
   *
   * @throws SecretStoreError `invalid-name`, `unavailable`, `corrupt`.
   */
  list(project: string): Promise<SecretInfo[]>;

  /**
   * The retained versions of `name`, oldest first.
   *
   * @throws SecretStoreError `not-found` when there is no such secret; `invalid-name`,
   *   `unavailable`, `corrupt`.
   */
  versions(project: string, name: string): Promise<SecretVersionInfo[]>;

  /**
   * Removes every version of `name` for good. Resolves `true` when something was removed,
   * `false` when there was nothing to remove.
   *
   * @throws SecretStoreError `invalid-name`, `unavailable`, `corrupt`.
   */
  delete(project: string, name: string): Promise<boolean>;

  /** Releases what the store holds (connections); the store is not used afterwards. */
  close(): Promise<void>;
}
