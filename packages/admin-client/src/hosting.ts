import { createHash } from "node:crypto";
import { adminErrorOf } from "./admin-error.js";

/** Hosting options of a version (`spa` is on unless said otherwise). */
export interface SiteConfig {
  spa?: boolean;
  cleanUrls?: boolean;
  headers?: Array<{ source: string; headers: Record<string, string> }>;
}

export interface SiteDeploy {
  version: number;
  /** How many files went up (the rest the store had from earlier versions). */
  uploaded: number;
  files: number;
}

type Call = (method: string, path: string, body?: unknown, type?: string) => Promise<Response>;

/**
 * A hosting deploy, as the runtime expects it: hash every file, create a version with the
 * manifest, upload the files the store lacks, finalize, release. Paths are site paths
 * (`/index.html`); a file's bytes go up once however many versions share it.
 */
export async function deploySite(
  call: Call,
  site: { project: string; files: ReadonlyMap<string, Uint8Array>; config?: SiteConfig },
): Promise<SiteDeploy> {
  const base = `/v1/projects/${encodeURIComponent(site.project)}/admin/hosting`;
  const byHash = new Map<string, Uint8Array>();
  const manifest: Record<string, string> = {};
  for (const [path, bytes] of site.files) {
    const hash = createHash("sha256").update(bytes).digest("hex");
    manifest[path.startsWith("/") ? path : `/${path}`] = hash;
    byHash.set(hash, bytes);
  }
  const created = await call("POST", `${base}/versions`, {
    files: manifest,
    ...(site.config ? { config: site.config } : {}),
  });
  if (!created.ok)
    throw await adminErrorOf(`creating a site version of '${site.project}'`, created);
  const { version, missing } = (await created.json()) as { version: number; missing: string[] };
  for (const hash of missing) {
    const res = await call(
      "PUT",
      `${base}/files/${hash}`,
      byHash.get(hash),
      "application/octet-stream",
    );
    if (!res.ok) throw await adminErrorOf(`uploading a file of '${site.project}'`, res);
  }
  const finalized = await call("POST", `${base}/versions/${version}:finalize`);
  if (!finalized.ok) throw await adminErrorOf(`finalizing version ${version}`, finalized);
  await releaseSite(call, site.project, version);
  return { version, uploaded: missing.length, files: site.files.size };
}

/**
 * Puts a finalized version of the project's site live: a deploy's last step, and the whole of
 * a rollback to an earlier version (the runtime keeps every version's files).
 *
 * @throws AdminApiError when the runtime refuses (no such version, not finalized).
 */
export async function releaseSite(call: Call, project: string, version: number): Promise<void> {
  const base = `/v1/projects/${encodeURIComponent(project)}/admin/hosting`;
  const released = await call("POST", `${base}/releases`, { version });
  if (!released.ok) {
    throw await adminErrorOf(`releasing version ${version} of '${project}'`, released);
  }
}
