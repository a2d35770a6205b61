import type pg from "pg";
import type { HostingConfig } from "./hosting-config.js";

/** A manifest entry: the file's hash, and its size once the version is finalized. */
export interface ManifestEntry {
  hash: string;
  size?: number;
}

export type Manifest = Record<string, ManifestEntry>;

export type VersionStatus = "created" | "finalized";

/** A version as the admin API lists it: never its manifest, which may hold 20,000 entries. */
export interface VersionSummary {
  version: number;
  status: VersionStatus;
  fileCount: number;
  /** Bytes of all files, counting a shared file once per path; null until finalized. */
  totalSize: number | null;
  config: HostingConfig;
  createdAt: string;
  finalizedAt: string | null;
}

export interface StoredVersion {
  version: number;
  status: VersionStatus;
  manifest: Manifest;
  config: HostingConfig;
}

export interface Release {
  seq: number;
  version: number;
  releasedAt: string;
}

/** What a release query found when it released nothing. */
export type ReleaseRefusal = "no-such-version" | "not-finalized";

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === "23505";

/** `runtime.hosting_versions` and `runtime.hosting_releases`. Nothing here deletes a row. */
export class HostingStore {
  constructor(private readonly pool: pg.Pool) {}

  /** Adds the next version, `created`; a concurrent deploy that took the number retries. */
  async createVersion(
    projectId: string,
    manifest: Manifest,
    config: HostingConfig,
  ): Promise<{ version: number; createdAt: string }> {
    for (let attempt = 0; ; attempt++) {
      try {
        const { rows } = await this.pool.query<{ version: number; created_at: Date }>(
          `insert into runtime.hosting_versions (project_id, version, status, manifest, config)
           select $1, coalesce(max(version), 0) + 1, 'created', $2, $3
             from runtime.hosting_versions where project_id = $1
           returning version, created_at`,
          [projectId, JSON.stringify(manifest), JSON.stringify(config)],
        );
        return { version: rows[0]!.version, createdAt: rows[0]!.created_at.toISOString() };
      } catch (e) {
        if (!isUniqueViolation(e) || attempt > 4) throw e;
      }
    }
  }

  async version(projectId: string, version: number): Promise<StoredVersion | null> {
    const { rows } = await this.pool.query<StoredVersion>(
      `select version, status, manifest, config from runtime.hosting_versions
        where project_id = $1 and version = $2`,
      [projectId, version],
    );
    return rows[0] ?? null;
  }

  /**
   * Freezes a `created` version with its complete manifest (sizes filled in). Resolves false
   * when it was not `created` any more (finalized meanwhile by another request).
   */
  async finalize(projectId: string, version: number, manifest: Manifest): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `update runtime.hosting_versions
          set status = 'finalized', manifest = $3, finalized_at = now()
        where project_id = $1 and version = $2 and status = 'created'`,
      [projectId, version, JSON.stringify(manifest)],
    );
    return rowCount === 1;
  }

  /** Releases a finalized version as the next release; a concurrent release retries. */
  async release(projectId: string, version: number): Promise<Release | ReleaseRefusal> {
    for (let attempt = 0; ; attempt++) {
      try {
        const { rows } = await this.pool.query<{
          seq: number | null;
          status: VersionStatus | null;
          released_at: Date | null;
        }>(
          `with target as (
             select status from runtime.hosting_versions where project_id = $1 and version = $2),
           released as (
             insert into runtime.hosting_releases (project_id, seq, version)
             select $1, coalesce(
                      (select max(seq) from runtime.hosting_releases where project_id = $1), 0) + 1,
                    $2
              where (select status from target) = 'finalized'
             returning seq, released_at)
           select (select status from target) as status,
                  (select seq from released) as seq,
                  (select released_at from released) as released_at`,
          [projectId, version],
        );
        const row = rows[0]!;
        if (row.status === null) return "no-such-version";
        if (row.seq === null || row.released_at === null) return "not-finalized";
        return { seq: row.seq, version, releasedAt: row.released_at.toISOString() };
      } catch (e) {
        if (!isUniqueViolation(e) || attempt > 4) throw e;
      }
    }
  }

  /** The live version (the latest release's), or null before the first release. */
  async live(projectId: string): Promise<StoredVersion | null> {
    const { rows } = await this.pool.query<StoredVersion>(
      `select v.version, v.status, v.manifest, v.config
         from runtime.hosting_releases r
         join runtime.hosting_versions v using (project_id, version)
        where r.project_id = $1
        order by r.seq desc limit 1`,
      [projectId],
    );
    return rows[0] ?? null;
  }

  /** Newest first. */
  async listVersions(projectId: string, limit: number): Promise<VersionSummary[]> {
    const { rows } = await this.pool.query<{
      version: number;
      status: VersionStatus;
      file_count: number;
      total_size: string | null;
      config: HostingConfig;
      created_at: Date;
      finalized_at: Date | null;
    }>(
      `select version, status, config, created_at, finalized_at,
              (select count(*)::int from jsonb_object_keys(manifest)) as file_count,
              case when status = 'finalized' then
                (select sum((e.value ->> 'size')::bigint)::text from jsonb_each(manifest) e)
              end as total_size
         from runtime.hosting_versions where project_id = $1
        order by version desc limit $2`,
      [projectId, limit],
    );
    return rows.map((r) => ({
      version: r.version,
      status: r.status,
      fileCount: r.file_count,
      totalSize: r.total_size === null ? null : Number(r.total_size),
      config: r.config,
      createdAt: r.created_at.toISOString(),
      finalizedAt: r.finalized_at?.toISOString() ?? null,
    }));
  }

  /** Newest first: the first is live. */
  async listReleases(projectId: string, limit: number): Promise<Release[]> {
    const { rows } = await this.pool.query<{ seq: number; version: number; released_at: Date }>(
      `select seq, version, released_at from runtime.hosting_releases
        where project_id = $1 order by seq desc limit $2`,
      [projectId, limit],
    );
    return rows.map((r) => ({
      seq: r.seq,
      version: r.version,
      releasedAt: r.released_at.toISOString(),
    }));
  }
}
