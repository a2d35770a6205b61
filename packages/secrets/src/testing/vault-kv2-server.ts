import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { LIST_AS, listenAcceptingList } from "./list-method-listener.js";

/** Options of {@link startVaultKv2Server}. */
export interface VaultKv2ServerOptions {
  /** The one token it accepts; a random one by default. */
  readonly token?: string;
  /** Where its KV version 2 engine is mounted. Default `secret`. */
  readonly mount?: string;
  /** Versions kept per key, as the engine's `max_versions` (Vault's default is 10). */
  readonly maxVersions?: number;
  /** Default 0: a free port chosen by the kernel. It listens on 127.0.0.1 only. */
  readonly port?: number;
}

/** A running {@link startVaultKv2Server}. */
export interface VaultKv2Server {
  /** `http://127.0.0.1:<port>`, what `VAULT_ADDR` would hold. */
  readonly endpoint: string;
  readonly token: string;
  readonly mount: string;
  /** Method and path (with query) of every request so far: never headers or bodies. */
  readonly requests: ReadonlyArray<{ readonly method: string; readonly path: string }>;
  /** Until {@link VaultKv2Server.unseal}, answers everything 503 "Vault is sealed", as Vault does. */
  seal(): void;
  unseal(): void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

interface Version {
  data: Record<string, unknown>;
  created_time: string;
  deletion_time: string;
  destroyed: boolean;
}

interface Entry {
  created_time: string;
  updated_time: string;
  current_version: number;
  versions: Map<number, Version>;
}

/** Vault's own limit on a request body (`max_request_size`). */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const TOO_LARGE = Symbol("too large");

/**
 * A test double of HashiCorp Vault that speaks the subset of the KV secrets engine version 2
 * HTTP API that `node-vault` clients use, with Vault's documented JSON shapes:
 *
 * - `GET /v1/<mount>/data/<path>[?version=n]`, `POST|PUT /v1/<mount>/data/<path>` (with
 *   `options.cas`), `DELETE /v1/<mount>/data/<path>` (soft-deletes the latest version);
 * - `GET /v1/<mount>/metadata/<path>`, `LIST` (or `GET ?list=true`) on a folder,
 *   `DELETE /v1/<mount>/metadata/<path>` (every version and the metadata);
 * - `X-Vault-Token` checked on every request (403 `permission denied`), errors as
 *   `{ "errors": [...] }`, 404 `{ "errors": [] }` for a missing key, 204 for deletes.
 *
 * Each answer closes its connection (see {@link listenAcceptingList}, which lets `LIST` past
 * Node's HTTP parser). Not implemented (405): metadata writes, patch, undelete, destroy, subkeys, config. Data is in
 * memory and dies with the server.
 */
export async function startVaultKv2Server(
  options: VaultKv2ServerOptions = {},
): Promise<VaultKv2Server> {
  const token = options.token ?? `hvs.${randomBytes(18).toString("base64url")}`;
  const mount = options.mount ?? "secret";
  const maxVersions = options.maxVersions ?? 10;
  const entries = new Map<string, Entry>();
  const requests: Array<{ method: string; path: string }> = [];
  let sealed = false;

  const listener = await listenAcceptingList((req, res) => {
    const method = req.method === LIST_AS ? "LIST" : (req.method ?? "GET");
    requests.push({ method, path: req.url ?? "" });
    handle(req, res, method).catch(() => reply(res, 500, { errors: ["internal error"] }));
  }, options.port);

  async function handle(req: IncomingMessage, res: ServerResponse, method: string) {
    const url = new URL(req.url ?? "/", "http://vault");
    const body = await readBody(req);
    if (body === TOO_LARGE) return reply(res, 413, { errors: ["http: request body too large"] });
    if (sealed) return reply(res, 503, { errors: ["Vault is sealed"] });
    if (req.headers["x-vault-token"] !== token) {
      return reply(res, 403, { errors: ["permission denied"] });
    }
    const route = decodeURIComponent(url.pathname).replace(/^\/v1\//, "");
    if (!route.startsWith(`${mount}/`)) {
      return reply(res, 404, {
        errors: [`no handler for route "${route}". route entry not found.`],
      });
    }
    const rest = route.slice(mount.length + 1);
    const isList =
      method === "LIST" || (method === "GET" && url.searchParams.get("list") === "true");
    if (rest.startsWith("data/") && rest.length > "data/".length) {
      const path = rest.slice("data/".length);
      if (method === "GET") return readData(res, path, url.searchParams.get("version"));
      if (method === "POST" || method === "PUT") return writeData(res, path, body);
      if (method === "DELETE") return deleteLatest(res, path);
    } else if (rest === "metadata" || rest.startsWith("metadata/")) {
      const path = rest.slice("metadata/".length);
      if (isList) return list(res, path);
      if (method === "GET" && path !== "") return readMetadata(res, path);
      if (method === "DELETE" && path !== "") {
        entries.delete(path);
        return reply(res, 204);
      }
    }
    return reply(res, 405, { errors: ["1 error occurred:\n\t* unsupported operation\n\n"] });
  }

  function readData(res: ServerResponse, path: string, versionParam: string | null) {
    const entry = entries.get(path);
    const asked = versionParam === null ? 0 : Number(versionParam);
    if (!Number.isSafeInteger(asked) || asked < 0) {
      return reply(res, 400, { errors: ["invalid version"] });
    }
    const number = asked === 0 ? (entry?.current_version ?? 0) : asked;
    const version = entry?.versions.get(number);
    if (!entry || !version) return reply(res, 404, { errors: [] });
    const metadata = { ...versionMetadata(version), custom_metadata: null, version: number };
    // Vault answers a deleted or destroyed version with 404 and its metadata, without data.
    const gone = version.destroyed || version.deletion_time !== "";
    return reply(res, gone ? 404 : 200, envelope({ data: gone ? null : version.data, metadata }));
  }

  function writeData(res: ServerResponse, path: string, body: unknown) {
    const payload = body as { data?: unknown; options?: { cas?: unknown } } | null;
    if (typeof payload?.data !== "object" || payload.data === null) {
      return reply(res, 400, { errors: ["no data provided"] });
    }
    const existing = entries.get(path);
    const cas = payload.options?.cas;
    if (cas !== undefined && cas !== (existing?.current_version ?? 0)) {
      return reply(res, 400, {
        errors: ["check-and-set parameter did not match the current version"],
      });
    }
    const now = vaultTime();
    const entry: Entry = existing ?? {
      created_time: now,
      updated_time: now,
      current_version: 0,
      versions: new Map(),
    };
    entries.set(path, entry);
    const number = entry.current_version + 1;
    const version = { data: payload.data as Record<string, unknown>, created_time: now };
    entry.versions.set(number, { ...version, deletion_time: "", destroyed: false });
    entry.current_version = number;
    entry.updated_time = now;
    // Past max_versions the oldest versions are removed for good.
    for (const old of [...entry.versions.keys()].sort((a, b) => a - b)) {
      if (entry.versions.size <= maxVersions) break;
      entry.versions.delete(old);
    }
    const metadata = versionMetadata(entry.versions.get(number)!);
    return reply(res, 200, envelope({ ...metadata, custom_metadata: null, version: number }));
  }

  function deleteLatest(res: ServerResponse, path: string) {
    const entry = entries.get(path);
    const latest = entry?.versions.get(entry.current_version);
    if (latest && latest.deletion_time === "") {
      latest.deletion_time = vaultTime();
      entry!.updated_time = latest.deletion_time;
    }
    return reply(res, 204);
  }

  function list(res: ServerResponse, folder: string) {
    const prefix = folder === "" || folder.endsWith("/") ? folder : `${folder}/`;
    const keys = new Set<string>();
    for (const path of entries.keys()) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf("/");
      keys.add(slash === -1 ? rest : rest.slice(0, slash + 1));
    }
    if (keys.size === 0) return reply(res, 404, { errors: [] });
    return reply(res, 200, envelope({ keys: [...keys].sort() }));
  }

  function readMetadata(res: ServerResponse, path: string) {
    const entry = entries.get(path);
    if (!entry) return reply(res, 404, { errors: [] });
    const numbers = [...entry.versions.keys()].sort((a, b) => a - b);
    return reply(
      res,
      200,
      envelope({
        cas_required: false,
        created_time: entry.created_time,
        current_version: entry.current_version,
        custom_metadata: null,
        delete_version_after: "0s",
        max_versions: 0,
        oldest_version: numbers[0] ?? 0,
        updated_time: entry.updated_time,
        versions: Object.fromEntries(
          numbers.map((n) => [String(n), versionMetadata(entry.versions.get(n)!)]),
        ),
      }),
    );
  }

  return {
    endpoint: `http://127.0.0.1:${listener.port}`,
    token,
    mount,
    requests,
    seal: () => void (sealed = true),
    unseal: () => void (sealed = false),
    close: () => listener.close(),
  };
}

function versionMetadata(version: Version) {
  return {
    created_time: version.created_time,
    deletion_time: version.deletion_time,
    destroyed: version.destroyed,
  };
}

/** The response wrapper Vault puts around every `data`. */
function envelope(data: unknown) {
  return {
    request_id: randomUUID(),
    lease_id: "",
    renewable: false,
    lease_duration: 0,
    data,
    wrap_info: null,
    warnings: null,
    auth: null,
    mount_type: "kv",
  };
}

/** RFC 3339 with nanoseconds, as Vault writes times. */
function vaultTime(): string {
  return new Date().toISOString().replace(/Z$/, "000000Z");
}

function reply(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status, { "Cache-Control": "no-store" }).end();
    return;
  }
  res
    .writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" })
    .end(`${JSON.stringify(body)}\n`);
}

/** The parsed JSON body (undefined when empty or not JSON), or {@link TOO_LARGE}. */
async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return TOO_LARGE;
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return undefined;
  }
}
