// Undoing an import that failed half-way: the uploaded files one by one (the bucket outlives
// the project's row), then the project, whose documents, users, rules, indexes and functions go
// with it. Every step is tried whatever the others did, and what could not be undone is named.
import type { AdminClient } from "@winky/admin-client";

export class RollbackFailed extends Error {
  override readonly name = "RollbackFailed";
}

/** @throws RollbackFailed naming what is left behind, after trying every step. */
export async function rollBack(
  client: AdminClient,
  project: string,
  uploaded: readonly string[],
): Promise<void> {
  const left: string[] = [];
  const base = `/v1/projects/${encodeURIComponent(project)}`;
  for (const name of uploaded) {
    const res = await client
      .request("DELETE", `${base}/storage/o/${encodeURIComponent(name)}`)
      .catch(() => null);
    // 404: the upload never stored it (it failed before), which is what rollback wants.
    if (!res || (!res.ok && res.status !== 404)) left.push(`file ${name}`);
  }
  const res = await client
    .request("DELETE", `/v1/admin/projects/${encodeURIComponent(project)}`)
    .catch(() => null);
  if (!res || (!res.ok && res.status !== 404)) left.push(`project ${project}`);
  if (left.length > 0) {
    const shown =
      left.slice(0, 5).join(", ") + (left.length > 5 ? `, and ${left.length - 5} more` : "");
    throw new RollbackFailed(`rollback could not delete ${shown}: delete them by hand`);
  }
}
