// What the runtime holds of a project, counted through the admin API.
import type { AdminClient } from "@winky/admin-client";

const enc = encodeURIComponent;

export async function countDocuments(client: AdminClient, project: string): Promise<number> {
  const res = await client.request("GET", `/v1/projects/${enc(project)}/admin/export`);
  if (!res.ok) throw new Error(`counting documents of ${project}: HTTP ${res.status}`);
  return ((await res.json()) as { documents: unknown[] }).documents.length;
}

export async function countUsers(client: AdminClient, project: string): Promise<number> {
  return (await client.exportUsers(project)).length;
}

/** Every object of the bucket, all folders deep (no delimiter), page by page. */
export async function countObjects(client: AdminClient, project: string): Promise<number> {
  let count = 0;
  let pageToken: string | undefined;
  do {
    const query = new URLSearchParams({
      prefix: "",
      maxResults: "1000",
      ...(pageToken ? { pageToken } : {}),
    });
    const res = await client.request(
      "GET",
      `/v1/projects/${enc(project)}/storage/o?${query.toString()}`,
    );
    if (!res.ok) throw new Error(`counting files of ${project}: HTTP ${res.status}`);
    const page = (await res.json()) as { items: unknown[]; nextPageToken?: string };
    count += page.items.length;
    pageToken = page.nextPageToken;
  } while (pageToken);
  return count;
}
