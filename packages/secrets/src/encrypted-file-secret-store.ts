import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "./atomic-file.js";
import { ValueCipher } from "./cipher.js";
import { SecretStoreError } from "./errors.js";
import { withFileLock } from "./file-lock.js";
import {
  emptySecretsFile,
  parseSecretsFile,
  type SecretsFile,
  type StoredSecret,
} from "./file-format.js";
import { Secret } from "./secret.js";
import type {
  GetSecretOptions,
  SecretInfo,
  SecretRecord,
  SecretStore,
  SecretVersionInfo,
} from "./secret-store.js";
import { assertProjectId, assertSecretName, assertVersion, checkedValue } from "./validation.js";

const KEY_CHECK_TEXT = "winky-secrets key check";
const KEY_CHECK_CONTEXT = "winky-secrets/1 key-check";

/** Options of {@link EncryptedFileSecretStore}. */
export interface EncryptedFileSecretStoreOptions {
  /** The JSON file holding every project's secrets; created (mode 0600) on the first `set`. */
  readonly file: string;
  /** 32 bytes, from `resolveMasterKey`. */
  readonly masterKey: Buffer;
  /** Versions kept per secret, the oldest dropped first. Default 10, as Vault's default. */
  readonly maxVersions?: number;
  /** How long a write waits for another writer's lock before failing. Default 10 s. */
  readonly lockTimeoutMs?: number;
}

/**
 * The local {@link SecretStore}: one JSON file of AES-256-GCM ciphertexts, one per version,
 * each with a random 96-bit IV and bound (as additional data) to its project, name and
 * version. Names and timestamps are stored in the clear; values never are.
 *
 * Every call reads the file afresh, so several processes can share it. Writes are atomic
 * (temp file, fsync, rename, mode 0600) and serialised by a queue per file within the process
 * and an advisory `<file>.lock` between processes on one host; network file systems are not
 * supported.
 */
export class EncryptedFileSecretStore implements SecretStore {
  /** The absolute path of the secrets file. */
  readonly file: string;
  readonly #cipher: ValueCipher;
  readonly #maxVersions: number;
  readonly #lockTimeoutMs: number;

  /** @throws RangeError when the key is not 32 bytes or `maxVersions` is not a positive integer. */
  constructor(options: EncryptedFileSecretStoreOptions) {
    this.file = path.resolve(options.file);
    this.#cipher = new ValueCipher(options.masterKey);
    this.#maxVersions = options.maxVersions ?? 10;
    this.#lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
    if (!Number.isSafeInteger(this.#maxVersions) || this.#maxVersions < 1) {
      throw new RangeError("maxVersions must be a positive integer");
    }
  }

  async set(project: string, name: string, value: string | Secret): Promise<SecretVersionInfo> {
    assertProjectId(project);
    assertSecretName(name);
    const plain = checkedValue(project, name, value);
    return this.#update((data) => {
      const secrets = own(data.projects, project) ?? (data.projects[project] = {});
      const now = new Date().toISOString();
      const secret: StoredSecret = Object.hasOwn(secrets, name)
        ? secrets[name]!
        : (secrets[name] = { createdAt: now, versions: [] });
      const version = (secret.versions.at(-1)?.version ?? 0) + 1;
      const ciphertext = this.#cipher.encrypt(plain, context(project, name, version));
      secret.versions.push({ version, createdAt: now, ciphertext });
      secret.versions.splice(0, Math.max(0, secret.versions.length - this.#maxVersions));
      return { version, createdAt: new Date(now) };
    });
  }

  async get(project: string, name: string, options: GetSecretOptions = {}): Promise<SecretRecord> {
    assertProjectId(project);
    assertSecretName(name);
    if (options.version !== undefined) assertVersion(options.version);
    const secret = requireSecret(await this.#load(), project, name);
    const stored =
      options.version === undefined
        ? secret.versions.at(-1)
        : secret.versions.find((v) => v.version === options.version);
    if (!stored) {
      throw new SecretStoreError(
        "not-found",
        `secret ${name} of project ${project} has no version ${options.version}`,
      );
    }
    const plain = this.#cipher.decrypt(stored.ciphertext, context(project, name, stored.version));
    if (plain === null) {
      throw new SecretStoreError(
        "corrupt",
        `cannot decrypt version ${stored.version} of secret ${name} of project ${project} in ` +
          `${this.file}: the entry was altered or moved from another secret`,
      );
    }
    return {
      name,
      version: stored.version,
      createdAt: new Date(stored.createdAt),
      value: new Secret(plain),
    };
  }

  async list(project: string): Promise<SecretInfo[]> {
    assertProjectId(project);
    const data = await this.#load();
    const secrets = (data && own(data.projects, project)) ?? {};
    return Object.keys(secrets)
      .sort()
      .map((name) => {
        const secret = secrets[name]!;
        const latest = secret.versions.at(-1)!;
        return {
          name,
          version: latest.version,
          createdAt: new Date(secret.createdAt),
          updatedAt: new Date(latest.createdAt),
        };
      });
  }

  async versions(project: string, name: string): Promise<SecretVersionInfo[]> {
    assertProjectId(project);
    assertSecretName(name);
    const secret = requireSecret(await this.#load(), project, name);
    return secret.versions.map((v) => ({ version: v.version, createdAt: new Date(v.createdAt) }));
  }

  async delete(project: string, name: string): Promise<boolean> {
    assertProjectId(project);
    assertSecretName(name);
    return this.#update((data) => {
      const secrets = own(data.projects, project);
      if (!secrets || !Object.hasOwn(secrets, name)) return false;
      delete secrets[name];
      if (Object.keys(secrets).length === 0) delete data.projects[project];
      return true;
    });
  }

  /** Nothing to release: every call opens and closes the file. */
  async close(): Promise<void> {}

  /** The file's content, its key checked; null when there is no file yet. */
  async #load(): Promise<SecretsFile | null> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (e) {
      if (errno(e) === "ENOENT") return null;
      throw new SecretStoreError(
        "unavailable",
        `cannot read the secrets file ${this.file} (${errno(e) ?? "error"})`,
      );
    }
    const data = parseSecretsFile(text, this.file);
    if (this.#cipher.decrypt(data.keyCheck, KEY_CHECK_CONTEXT) !== KEY_CHECK_TEXT) {
      throw new SecretStoreError(
        "corrupt",
        `cannot open the secrets file ${this.file}: the master key is not the one it was ` +
          "written with (check WINKY_MASTER_KEY or the key file), or the file was altered",
      );
    }
    return data;
  }

  /** Runs `change` on the current content under the write lock, then writes it atomically. */
  async #update<T>(change: (data: SecretsFile) => T): Promise<T> {
    // The lock file lives beside the secrets file, so the directory comes first.
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 }).catch((e: unknown) => {
      throw new SecretStoreError(
        "unavailable",
        `cannot create the directory of the secrets file ${this.file} (${errno(e) ?? "error"})`,
      );
    });
    return withFileLock(this.file, this.#lockTimeoutMs, async () => {
      const data =
        (await this.#load()) ??
        emptySecretsFile(this.#cipher.encrypt(KEY_CHECK_TEXT, KEY_CHECK_CONTEXT));
      const result = change(data);
      try {
        await writeFileAtomic(this.file, `${JSON.stringify(data, null, 2)}\n`);
      } catch (e) {
        throw new SecretStoreError(
          "unavailable",
          `cannot write the secrets file ${this.file} (${errno(e) ?? "error"})`,
        );
      }
      return result;
    });
  }
}

/** The additional data a version's ciphertext is bound to. */
function context(project: string, name: string, version: number): string {
  return JSON.stringify(["winky-secrets/1", project, name, version]);
}

function requireSecret(data: SecretsFile | null, project: string, name: string): StoredSecret {
  const secrets = data && own(data.projects, project);
  if (!secrets || !Object.hasOwn(secrets, name)) {
    throw new SecretStoreError("not-found", `project ${project} has no secret ${name}`);
  }
  return secrets[name]!;
}

/** `record[key]` when it is the record's own: "constructor" is a valid project id. */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function errno(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
