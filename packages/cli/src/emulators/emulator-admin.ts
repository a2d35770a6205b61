import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { AdminApiError, AdminClient } from "@winky/admin-client";

/** Where exports keep the composite indexes, in the Firebase CLI's format. */
export const INDEXES_FILE = "firestore.indexes.json";

interface ServiceKeyAnswer {
  serviceKey: { key: string };
}

/** The runtime's admin API, as the emulator drives it. */
export class EmulatorAdmin {
  constructor(
    private readonly baseUrl: string,
    private readonly adminKey: string,
  ) {}

  /**
   * Creates the project on first start and keeps its service key in `<dataDir>/<project>.service-key`
   * (mode 0600); later starts reuse both.
   */
  async ensureProject(
    project: string,
    dataDir: string,
  ): Promise<{ key: string; keyFile: string; created: boolean }> {
    const keyFile = path.join(dataDir, `${project}.service-key`);
    const existing = await this.call(
      "GET",
      `/v1/admin/projects/${project}`,
      undefined,
      this.adminKey,
    );
    if (existing.status === 200) {
      const saved = (await readFile(keyFile, "utf8").catch(() => "")).trim();
      if (saved) return { key: saved, keyFile, created: false };
      // The key file was lost: issue a new key rather than fail.
      const made = await this.call(
        "POST",
        `/v1/projects/${project}/admin/keys`,
        { name: "emulator" },
        this.adminKey,
      );
      const key = ((await made.json()) as ServiceKeyAnswer).serviceKey.key;
      await writeFile(keyFile, `${key}\n`, { mode: 0o600 });
      return { key, keyFile, created: false };
    }
    const created = await this.call("POST", "/v1/admin/projects", { id: project }, this.adminKey);
    if (created.status !== 201)
      throw new Error(`could not create project '${project}': ${await created.text()}`);
    const key = ((await created.json()) as ServiceKeyAnswer).serviceKey.key;
    await writeFile(keyFile, `${key}\n`, { mode: 0o600 });
    return { key, keyFile, created: true };
  }

  /** Deploys rules; the runtime checks them first. @throws Error with the diagnostics. */
  async deployRules(project: string, key: string, file: string): Promise<void> {
    const source = await readFile(file, "utf8");
    try {
      await new AdminClient(this.baseUrl, key).deployRules(project, "firestore", source);
    } catch (e) {
      if (!(e instanceof AdminApiError)) throw e;
      const details = e.details as
        { diagnostics?: Array<{ line: number; column: number; message: string }> } | undefined;
      const lines = (details?.diagnostics ?? []).map(
        (d) => `  ${file}:${d.line}:${d.column}: ${d.message}`,
      );
      const reason = e.message.replace(/^[^:]*: /, "");
      throw new Error([`${file} was not deployed: ${reason}`, ...lines].join("\n"), { cause: e });
    }
  }

  /**
   * Deploys a `firestore.indexes.json`: the project's composite indexes become exactly the
   * file's, built before this returns.
   *
   * @returns the runtime's warnings (field overrides it does not apply).
   * @throws Error naming the file and what is wrong with it.
   */
  async deployIndexes(project: string, key: string, file: string): Promise<string[]> {
    const text = await readFile(file, "utf8").catch(() => {
      throw new Error(`${file} does not exist`);
    });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      throw new Error(`${file} is not valid JSON: ${(e as Error).message}`, { cause: e });
    }
    try {
      return await new AdminClient(this.baseUrl, key).deployIndexes(project, body);
    } catch (e) {
      if (!(e instanceof AdminApiError)) throw e;
      throw new Error(`${file} was not deployed: ${e.message.replace(/^[^:]*: /, "")}`, {
        cause: e,
      });
    }
  }

  /**
   * Writes `documents.json` (every document, in Firestore's wire format) and
   * `firestore.indexes.json` (the declared composite indexes) into `dir`.
   */
  async exportTo(project: string, key: string, dir: string): Promise<number> {
    const res = await this.call("GET", `/v1/projects/${project}/admin/export`, undefined, key);
    if (res.status !== 200) throw new Error(`export failed: ${await res.text()}`);
    const body = (await res.json()) as { documents: unknown[] };
    await writeFile(path.join(dir, "documents.json"), `${JSON.stringify(body, null, 2)}\n`);
    const indexes = await this.call("GET", `/v1/projects/${project}/admin/indexes`, undefined, key);
    if (indexes.status !== 200) throw new Error(`export failed: ${await indexes.text()}`);
    const file = path.join(dir, INDEXES_FILE);
    await writeFile(file, `${JSON.stringify(await indexes.json(), null, 2)}\n`);
    return body.documents.length;
  }

  /**
   * Reads `documents.json` from `dir` and writes it through the commit API, 500 at a time.
   *
   * @throws Error naming the file when it is missing or not an export.
   */
  async importFrom(project: string, key: string, dir: string): Promise<number> {
    const file = path.join(dir, "documents.json");
    const text = await readFile(file, "utf8").catch(() => {
      throw new Error(`--import: ${file} does not exist`);
    });
    let parsed: { documents?: Array<{ name: string; fields: unknown }> };
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`--import: ${file} is not valid JSON`);
    }
    if (!Array.isArray(parsed.documents))
      throw new Error(`--import: ${file} has no "documents" list`);
    for (let i = 0; i < parsed.documents.length; i += 500) {
      const writes = parsed.documents
        .slice(i, i + 500)
        .map((d) => ({ update: { name: d.name, fields: d.fields } }));
      const res = await this.call(
        "POST",
        `/v1/projects/${project}/documents:commit`,
        { writes },
        key,
      );
      if (res.status !== 200) throw new Error(`--import: ${file}: ${await res.text()}`);
    }
    return parsed.documents.length;
  }

  private call(
    method: string,
    route: string,
    body: unknown,
    key: string,
    type = "application/json",
  ) {
    return fetch(`${this.baseUrl}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { "content-type": type }),
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
  }
}
