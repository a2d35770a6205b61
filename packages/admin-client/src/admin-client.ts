import { adminErrorOf } from "./admin-error.js";
import { deploySite, releaseSite, type SiteConfig, type SiteDeploy } from "./hosting.js";
import type { JsonObject } from "./firestore-wire.js";
import * as data from "./project-data.js";
import * as ops from "./project-ops.js";
import * as transfer from "./user-transfer.js";

/** How requests leave: `globalThis.fetch` unless a test passes another. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** The function deploy body of `PUT …/admin/functions/:name`. */
export interface FunctionDeploy {
  source: string;
  trigger: Record<string, unknown>;
  memoryMb?: number;
  timeoutMs?: number;
  secrets?: string[];
}

/** One mail of a project's dev mailbox. */
export interface MailboxMessage {
  to: string;
  kind: string;
  subject: string;
  text: string;
  createdAt: string;
}

/**
 * The runtime's admin API with one credential: the operator key (every project) or a
 * project's service key (that project only). Every refusal is an `AdminApiError` naming the
 * call, the runtime's code and its details (rules diagnostics, invalid fields).
 */
export class AdminClient {
  private readonly fetch: FetchLike;

  constructor(
    private readonly baseUrl: string,
    private readonly key: string,
    options: { fetch?: FetchLike } = {},
  ) {
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** The project, or undefined when it does not exist. */
  async getProject(id: string): Promise<{ id: string } | undefined> {
    const res = await this.request("GET", `/v1/admin/projects/${enc(id)}`);
    if (res.status === 404) return undefined;
    if (!res.ok) throw await adminErrorOf(`reading project '${id}'`, res);
    return ((await res.json()) as { project: { id: string } }).project;
  }

  /**
   * Creates the project (operator key only) and answers its first service key; a project that
   * exists already is kept as it is (never reset: a deploy never deletes data).
   */
  async ensureProject(id: string): Promise<{ created: boolean }> {
    if (await this.getProject(id)) return { created: false };
    const res = await this.request("POST", "/v1/admin/projects", { id });
    if (res.status === 409) return { created: false };
    if (!res.ok) throw await adminErrorOf(`creating project '${id}'`, res);
    return { created: true };
  }

  /**
   * The auth mails the runtime queued for the project, newest first: where links are read
   * while no SMTP server is configured (`winky dev`). The links are live: treat them as secrets.
   */
  async mailbox(project: string, limit = 20): Promise<MailboxMessage[]> {
    const res = await this.request(
      "GET",
      `/v1/projects/${enc(project)}/admin/mailbox?limit=${encodeURIComponent(limit)}`,
    );
    if (!res.ok) throw await adminErrorOf(`reading the mailbox of '${project}'`, res);
    return ((await res.json()) as { messages: MailboxMessage[] }).messages;
  }

  /** Deploys rules for `service`; the runtime checks them first. */
  async deployRules(project: string, service: "firestore" | "storage", source: string) {
    const res = await this.request(
      "PUT",
      `/v1/projects/${enc(project)}/admin/rules/${service}`,
      source,
      "text/plain",
    );
    if (!res.ok) throw await adminErrorOf(`deploying ${service} rules to '${project}'`, res);
  }

  /**
   * Changes the project's settings (`strictIndexes`, sign-in methods, auth mails), field by
   * field: each field given replaces the stored one whole. Auth mails:
   * `{ auth: { mail: { actionUrl, appName } } }` (the page links open, absolute http(s) without
   * a fragment; the name mails sign with, 1–60 characters on one line); `{ auth: { mail: {} } }`
   * returns them to the runtime's defaults.
   */
  async updateConfig(project: string, patch: Record<string, unknown>): Promise<void> {
    const res = await this.request("PATCH", `/v1/projects/${enc(project)}/admin/config`, patch);
    if (!res.ok) throw await adminErrorOf(`changing the settings of '${project}'`, res);
  }

  /** Makes the project's composite indexes exactly `indexes` (firestore.indexes.json). */
  async deployIndexes(project: string, indexes: unknown): Promise<string[]> {
    const res = await this.request("PUT", `/v1/projects/${enc(project)}/admin/indexes`, indexes);
    if (!res.ok) throw await adminErrorOf(`deploying indexes to '${project}'`, res);
    return ((await res.json()) as { warnings?: string[] }).warnings ?? [];
  }

  /** Deploys a new version of a function. */
  async deployFunction(project: string, name: string, body: FunctionDeploy) {
    const path = `/v1/projects/${enc(project)}/admin/functions/${enc(name)}`;
    const res = await this.request("PUT", path, body);
    if (!res.ok) throw await adminErrorOf(`deploying function '${name}' to '${project}'`, res);
    return (await res.json()) as { name: string; version: number };
  }

  /**
   * Commits `writes` (Firestore's wire form, as `documents:commit` takes them) atomically as an
   * admin: rules do not apply, preconditions do.
   */
  async commitDocuments(project: string, writes: readonly unknown[]): Promise<void> {
    const res = await this.request("POST", `/v1/projects/${enc(project)}/documents:commit`, {
      writes,
    });
    if (!res.ok)
      throw await adminErrorOf(`committing ${writes.length} write(s) to '${project}'`, res);
  }

  /** Deploys and releases a static site: only files the store lacks are uploaded. */
  deploySite(
    project: string,
    files: ReadonlyMap<string, Uint8Array>,
    config?: SiteConfig,
  ): Promise<SiteDeploy> {
    return deploySite((method, path, body, type) => this.request(method, path, body, type), {
      project,
      files,
      ...(config ? { config } : {}),
    });
  }

  /**
   * Puts an earlier, finalized version of the project's site live again (a rollback).
   * @throws AdminApiError when the runtime has no such version or it is not finalized.
   */
  releaseSite(project: string, version: number): Promise<void> {
    return releaseSite(
      (method, path, body, type) => this.request(method, path, body, type),
      project,
      version,
    );
  }

  /** The deployed rules source of `service`, or null when none were deployed yet. */
  getRules(project: string, service: "firestore" | "storage"): Promise<string | null> {
    return data.getRules(this.call, project, service);
  }

  /** A document as plain JSON (`firestore-wire.ts`), read as an admin; undefined when absent. */
  getDocument(project: string, path: string): Promise<data.ProjectDocument | undefined> {
    return data.getDocument(this.call, project, path);
  }

  listDocuments(
    project: string,
    collection: string,
    page: { limit: number; pageToken?: string },
  ): Promise<data.DocumentPage> {
    return data.listDocuments(this.call, project, collection, page);
  }

  /** Creates or replaces a document with plain JSON, as an admin (rules do not apply). */
  setDocument(project: string, path: string, fields: JsonObject): Promise<void> {
    return data.setDocument(this.call, project, path, fields);
  }

  deleteDocument(project: string, path: string): Promise<void> {
    return data.deleteDocument(this.call, project, path);
  }

  listUsers(project: string, page: { limit: number; pageToken?: string }): Promise<data.UserPage> {
    return data.listUsers(this.call, project, page);
  }

  updateUser(
    project: string,
    uid: string,
    change: { disabled: boolean } | { claims: Record<string, unknown> },
  ): Promise<data.ProjectUser> {
    return data.updateUser(this.call, project, uid, change);
  }

  /** Deletes a user; false when there was none. */
  deleteUser(project: string, uid: string): Promise<boolean> {
    return data.deleteUser(this.call, project, uid);
  }

  /** Imports users all or nothing; Firebase scrypt hashes keep their old passwords working. */
  importUsers(project: string, body: transfer.UserImport): Promise<{ imported: number }> {
    return transfer.importUsers(this.call, project, body);
  }

  /** Every user with its password hash, in uid order (the operator key only). */
  exportUsers(project: string): Promise<transfer.ExportedUser[]> {
    return transfer.exportUsers(this.call, project);
  }

  listFunctions(project: string): Promise<ops.ProjectFunction[]> {
    return ops.listFunctions(this.call, project);
  }

  /** The function's latest invocations' logs (1–1000), newest first. */
  functionLogs(project: string, name: string, limit = 50): Promise<ops.FunctionLog[]> {
    return ops.functionLogs(this.call, project, name, limit);
  }

  listEvents(
    project: string,
    filter: ops.EventFilter & { limit: number; pageToken?: string },
  ): Promise<ops.EventPage> {
    return ops.listEvents(this.call, project, filter);
  }

  replayEvents(project: string, filter: ops.EventFilter) {
    return ops.replayEvents(this.call, project, filter);
  }

  /** A page of the bucket's files below `prefix`, one level (deeper: `prefixes`). */
  listObjects(
    project: string,
    page: { prefix: string; limit: number; pageToken?: string },
  ): Promise<ops.ObjectPage> {
    return ops.listObjects(this.call, project, page);
  }

  /** A file's bytes, when at most `maxBytes`; undefined when there is no such file. */
  readObject(project: string, name: string, maxBytes: number) {
    return ops.readObject(this.call, project, name, maxBytes);
  }

  private readonly call: data.Call = (...args) => this.request(...args);

  /** One call: JSON bodies as JSON, strings and bytes as they are. */
  request(method: string, path: string, body?: unknown, contentType?: string): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.key}` };
    let payload: RequestInit["body"];
    if (typeof body === "string" || body instanceof Uint8Array) {
      headers["content-type"] = contentType ?? "application/octet-stream";
      payload = body as RequestInit["body"];
    } else if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    return this.fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
    });
  }
}

const enc = encodeURIComponent;
