import http from "node:http";
import https from "node:https";
import nodeVault from "node-vault";
import { ConfigError, httpUrlField } from "@winky/config";
import { SecretStoreError } from "./errors.js";
import { Secret } from "./secret.js";
import type {
  GetSecretOptions,
  SecretInfo,
  SecretRecord,
  SecretStore,
  SecretVersionInfo,
} from "./secret-store.js";
import {
  assertProjectId,
  assertSecretName,
  assertVersion,
  checkedValue,
  SECRET_NAME_PATTERN,
} from "./validation.js";
import {
  parseMetadata,
  parseReadAnswer,
  parseWriteAnswer,
  type KvMetadata,
} from "./vault-answers.js";
import { toVaultStoreError, unexpectedAnswer, vaultStatus } from "./vault-errors.js";

/** Options of {@link VaultSecretStore}. */
export interface VaultSecretStoreOptions {
  /** Vault's address, `VAULT_ADDR` (`https://vault.internal:8200`). */
  readonly endpoint: string;
  /** A token whose policy grants create, read, update, delete and list under the prefix. */
  readonly token: string;
  /** Where the KV version 2 engine is mounted. Default `secret`. */
  readonly mount?: string;
  /** The folder under the mount holding `<project>/<NAME>`. Default `winky`. */
  readonly pathPrefix?: string;
  /** A Vault Enterprise namespace (`X-Vault-Namespace`). */
  readonly namespace?: string;
  /** CA certificates to trust for an https endpoint, in PEM. */
  readonly ca?: string | Buffer;
  /** Per request. Default 10 s. */
  readonly timeoutMs?: number;
}

/** Metadata reads `list` runs at once. */
const LIST_CONCURRENCY = 8;

/**
 * A {@link SecretStore} on HashiCorp Vault's KV version 2 engine, through `node-vault`: the
 * secret `NAME` of project `p` is the KV entry `<mount>/data/<pathPrefix>/p/NAME` holding
 * `{ "value": "…" }`. Versions are Vault's; `delete` removes the metadata and every version
 * (`DELETE <mount>/metadata/…`). Retention follows the mount's `max_versions` (Vault keeps 10
 * by default). `list` makes one metadata read per secret.
 *
 * The token stays in a private field; errors name the endpoint and never the token. node-vault's
 * environment fallbacks (`VAULT_ADDR`, `VAULT_TOKEN`, `VAULT_PREFIX`, `VAULT_NAMESPACE`,
 * `VAULT_SKIP_VERIFY`) and its debug log (which prints written data) are switched off.
 */
export class VaultSecretStore implements SecretStore {
  /** The endpoint as shown in messages (without any user info). */
  readonly endpoint: string;
  readonly mount: string;
  readonly pathPrefix: string;
  readonly #client: nodeVault.client;
  readonly #agents: { http: http.Agent; https: https.Agent };

  /** @throws ConfigError when the endpoint, token, mount or prefix is malformed (never echoed). */
  constructor(options: VaultSecretStoreOptions) {
    if (!httpUrlField.safeParse(options.endpoint).success) {
      throw new ConfigError("invalid Vault configuration: the endpoint must be an http(s) URL");
    }
    if (typeof options.token !== "string" || options.token.trim() === "") {
      throw new ConfigError("invalid Vault configuration: a token is required");
    }
    this.mount = trimSlashes(options.mount ?? "secret");
    this.pathPrefix = trimSlashes(options.pathPrefix ?? "winky");
    if (!isPath(this.mount) || (this.pathPrefix !== "" && !isPath(this.pathPrefix))) {
      throw new ConfigError(
        "invalid Vault configuration: the mount and path prefix must be /-separated segments " +
          "of letters, digits, _, . and - (not . or ..)",
      );
    }
    const url = new URL(options.endpoint);
    url.username = "";
    url.password = "";
    this.endpoint = url.href.replace(/\/+$/, "");
    this.#agents = {
      http: new http.Agent({ keepAlive: true }),
      https: new https.Agent({ keepAlive: true, ...(options.ca ? { ca: options.ca } : {}) }),
    };
    const client = nodeVault({
      endpoint: options.endpoint.replace(/\/+$/, ""),
      token: options.token,
      apiVersion: "v1",
      // node-vault's debug log prints every written payload when DEBUG matches.
      debug: () => undefined,
      requestOptions: {
        timeout: options.timeoutMs ?? 10_000,
        httpAgent: this.#agents.http,
        httpsAgent: this.#agents.https,
      },
    });
    // node-vault falls back to VAULT_PREFIX and VAULT_NAMESPACE from the environment.
    Object.assign(client, { pathPrefix: "", namespace: options.namespace });
    this.#client = client;
  }

  async set(project: string, name: string, value: string | Secret): Promise<SecretVersionInfo> {
    assertProjectId(project);
    assertSecretName(name);
    const plain = checkedValue(project, name, value);
    const what = `write secret ${name} of project ${project}`;
    const answer = await this.#call(what, () =>
      this.#client.write(this.#path("data", project, name), { data: { value: plain } }),
    );
    return parseWriteAnswer(answer, (detail) => unexpectedAnswer(this.endpoint, what, detail));
  }

  async get(project: string, name: string, options: GetSecretOptions = {}): Promise<SecretRecord> {
    assertProjectId(project);
    assertSecretName(name);
    if (options.version !== undefined) assertVersion(options.version);
    const what = `read secret ${name} of project ${project}`;
    const query = options.version === undefined ? "" : `?version=${options.version}`;
    const answer = await this.#call(
      what,
      () => this.#client.read(`${this.#path("data", project, name)}${query}`),
      () => {
        throw options.version === undefined
          ? notFound(project, name)
          : new SecretStoreError(
              "not-found",
              `secret ${name} of project ${project} has no version ${options.version}`,
            );
      },
    );
    const read = parseReadAnswer(answer, (detail) => unexpectedAnswer(this.endpoint, what, detail));
    return {
      name,
      version: read.version,
      createdAt: read.createdAt,
      value: new Secret(read.value),
    };
  }

  async list(project: string): Promise<SecretInfo[]> {
    assertProjectId(project);
    const what = `list the secrets of project ${project}`;
    const answer = await this.#call(
      what,
      () => this.#client.list(this.#path("metadata", project, "")),
      () => null,
    );
    const keys: unknown = (answer as { data?: { keys?: unknown } } | null)?.data?.keys ?? [];
    if (!Array.isArray(keys)) throw unexpectedAnswer(this.endpoint, what, "no keys list");
    // Folders ("x/") and keys that are not secret names were not written by this store.
    const names = keys
      .filter((k): k is string => typeof k === "string" && SECRET_NAME_PATTERN.test(k))
      .sort();
    const infos: Array<SecretInfo | null> = [];
    for (let i = 0; i < names.length; i += LIST_CONCURRENCY) {
      const batch = names.slice(i, i + LIST_CONCURRENCY);
      infos.push(...(await Promise.all(batch.map((n) => this.#infoOrNull(project, n)))));
    }
    return infos.filter((info): info is SecretInfo => info !== null);
  }

  async versions(project: string, name: string): Promise<SecretVersionInfo[]> {
    assertProjectId(project);
    assertSecretName(name);
    const metadata = await this.#metadata(project, name);
    if (!metadata || metadata.versions.length === 0) throw notFound(project, name);
    return metadata.versions;
  }

  async delete(project: string, name: string): Promise<boolean> {
    assertProjectId(project);
    assertSecretName(name);
    if (!(await this.#metadata(project, name))) return false;
    await this.#call(`delete secret ${name} of project ${project}`, () =>
      this.#client.delete(this.#path("metadata", project, name)),
    );
    return true;
  }

  /** Closes the kept-alive connections to Vault. */
  async close(): Promise<void> {
    this.#agents.http.destroy();
    this.#agents.https.destroy();
  }

  async #infoOrNull(project: string, name: string): Promise<SecretInfo | null> {
    // A secret deleted between the list and this read is simply not listed.
    const metadata = await this.#metadata(project, name);
    const latest = metadata?.versions.at(-1);
    if (!metadata || !latest) return null;
    return {
      name,
      version: metadata.currentVersion,
      createdAt: metadata.createdAt,
      updatedAt: latest.createdAt,
    };
  }

  /** The secret's KV metadata, or null when Vault has none. */
  async #metadata(project: string, name: string): Promise<KvMetadata | null> {
    const what = `read the metadata of secret ${name} of project ${project}`;
    const answer = await this.#call(
      what,
      () => this.#client.read(this.#path("metadata", project, name)),
      () => null,
    );
    if (answer === null) return null;
    return parseMetadata(answer, (detail) => unexpectedAnswer(this.endpoint, what, detail));
  }

  /**
   * Runs one node-vault call. A 404 answers `onNotFound()` when given (which may throw the
   * right `not-found`); every other failure becomes a SecretStoreError naming `what`.
   */
  async #call(
    what: string,
    request: () => Promise<unknown>,
    onNotFound?: () => unknown,
  ): Promise<unknown> {
    try {
      return await request();
    } catch (e) {
      if (onNotFound && vaultStatus(e) === 404) return onNotFound();
      throw toVaultStoreError(e, this.endpoint, what);
    }
  }

  #path(kind: "data" | "metadata", project: string, name: string): string {
    return [this.mount, kind, this.pathPrefix, project, name].filter((s) => s !== "").join("/");
  }
}

function notFound(project: string, name: string): SecretStoreError {
  return new SecretStoreError("not-found", `project ${project} has no secret ${name}`);
}

/** `/`-separated segments of letters, digits, `_`, `.` and `-`, none of them `.` or `..`. */
function isPath(path: string): boolean {
  return path
    .split("/")
    .every((segment) => /^[A-Za-z0-9_.-]+$/.test(segment) && segment !== "." && segment !== "..");
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, "");
}
