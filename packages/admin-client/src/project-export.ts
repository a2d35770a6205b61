// Reading a whole project back out, for `winky export`: the documents in the runtime's export
// form, the composite indexes, a function with its deployed source, and the released site's
// manifest and files. Every call needs the project's service key or the operator's.
import { adminErrorOf } from "./admin-error.js";
import type { SiteConfig } from "./hosting.js";
import type { Call } from "./project-data.js";

/** `GET …/admin/export`: every document in Firestore's wire form, by path. */
export interface DocumentsExport {
  format: string;
  project: string;
  exportedAt: string;
  documents: { name: string; fields: Record<string, unknown> }[];
}

/** A deployed function as `GET …/admin/functions/:name` answers it. */
export interface DeployedFunction {
  name: string;
  version: number;
  trigger: Record<string, unknown>;
  memoryMb: number;
  timeoutMs: number;
  secrets: string[];
  source: string;
}

/** A site version: its files (site path → hash and size) and how it is served. */
export interface SiteVersion {
  version: number;
  status: "created" | "finalized";
  config: Required<SiteConfig>;
  files: Record<string, { hash: string; size?: number }>;
}

const base = (project: string) => `/v1/projects/${encodeURIComponent(project)}/admin`;

async function json<T>(call: Call, path: string, what: string): Promise<T> {
  const res = await call("GET", path);
  if (!res.ok) throw await adminErrorOf(what, res);
  return (await res.json()) as T;
}

export function exportDocuments(call: Call, project: string): Promise<DocumentsExport> {
  return json(call, `${base(project)}/export`, `exporting the documents of '${project}'`);
}

/** The composite indexes as `firestore.indexes.json` holds them. */
export function getIndexes(
  call: Call,
  project: string,
): Promise<{ indexes: unknown[]; fieldOverrides: unknown[] }> {
  return json(call, `${base(project)}/indexes`, `reading the indexes of '${project}'`);
}

export function getFunction(call: Call, project: string, name: string): Promise<DeployedFunction> {
  const path = `${base(project)}/functions/${encodeURIComponent(name)}`;
  return json(call, path, `reading function '${name}' of '${project}'`);
}

/** The live site version, or null before the first release. */
export async function releasedSite(call: Call, project: string): Promise<SiteVersion | null> {
  const { releases } = await json<{ releases: { version: number }[] }>(
    call,
    `${base(project)}/hosting/releases?limit=1`,
    `reading the site releases of '${project}'`,
  );
  const live = releases[0];
  if (!live) return null;
  return json(
    call,
    `${base(project)}/hosting/versions/${live.version}`,
    `reading site version ${live.version} of '${project}'`,
  );
}

/** A site file's bytes, by the hash a manifest names. */
export async function readSiteFile(call: Call, project: string, hash: string): Promise<Uint8Array> {
  const res = await call("GET", `${base(project)}/hosting/files/${hash}`);
  if (!res.ok) throw await adminErrorOf(`reading site file ${hash} of '${project}'`, res);
  return new Uint8Array(await res.arrayBuffer());
}
