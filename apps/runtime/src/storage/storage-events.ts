import type { BlobInfo } from "@winky/blob-store";
import type pg from "pg";

export type StorageEventKind = "storage.object.finalized" | "storage.object.deleted";

/**
 * Appends a storage change to the event log. Blobs are written outside PostgreSQL, so this
 * runs after the store committed: an event may be missing if the process dies in between,
 * but there is never an event for a change that did not happen.
 */
export async function appendStorageEvent(
  pool: pg.Pool,
  projectId: string,
  kind: StorageEventKind,
  info: BlobInfo,
  time: Date,
): Promise<void> {
  const object = {
    name: info.name,
    bucket: projectId,
    size: info.size,
    contentType: info.contentType,
    generation: info.generation,
    md5Hash: info.md5Hash,
    metadata: info.metadata,
  };
  await pool.query(
    `insert into runtime.events (project_id, kind, subject, time, data) values ($1, $2, $3, $4, $5)`,
    [projectId, kind, info.name, time.toISOString(), { object }],
  );
}
