import path from "node:path";
import type pg from "pg";

/** An app that is live somewhere: what a regression check needs to know about it. */
export interface DeployedApp {
  id: string;
  teamId: string;
  slug: string;
  name: string;
  /** The app's Git repository: `apps.repo_path`, else `<dataDir>/repos/<slug>`. */
  repo: string;
  /** The runtime project of its latest deployment (a rollback counts). */
  project: string;
  /** Where that deployment serves the app. */
  url: string;
  /** The commit that deployment shipped, when recorded. */
  deployedSha: string | null;
}

interface DeployedAppRow {
  id: string;
  team_id: string;
  slug: string;
  name: string;
  repo_path: string | null;
  project: string;
  url: string;
  commit_sha: string | null;
}

/**
 * The team's deployed apps (those with at least one `deployments` row), by slug, each with
 * its latest deployment; only `appId` when given. An app of another team is never answered.
 */
export async function listDeployedApps(
  pool: pg.Pool,
  dataDir: string,
  teamId: string,
  appId?: string,
): Promise<DeployedApp[]> {
  const { rows } = await pool.query<DeployedAppRow>(
    `select a.id, a.team_id, a.slug, a.name, a.repo_path, d.project, d.url, d.commit_sha
       from apps a
       join lateral (
         select project, url, commit_sha from deployments
          where app_id = a.id order by created_at desc, id desc limit 1
       ) d on true
      where a.team_id = $1 and ($2::uuid is null or a.id = $2::uuid)
      order by a.slug`,
    [teamId, appId ?? null],
  );
  return rows.map((row) => ({
    id: row.id,
    teamId: row.team_id,
    slug: row.slug,
    name: row.name,
    repo: row.repo_path ?? path.join(dataDir, "repos", row.slug),
    project: row.project,
    url: row.url,
    deployedSha: row.commit_sha,
  }));
}

/** Whether the team still exists (a deleted team's scheduler is removed by the worker). */
export async function teamExists(pool: pg.Pool, teamId: string): Promise<boolean> {
  const { rowCount } = await pool.query(`select 1 from teams where id = $1`, [teamId]);
  return (rowCount ?? 0) > 0;
}

/**
 * The team's notification webhook, read when a failure is announced (so a changed or removed
 * URL takes effect at once). A credential: callers must never log it or record it.
 */
export async function teamWebhookUrl(pool: pg.Pool, teamId: string): Promise<string | null> {
  const { rows } = await pool.query<{ notify_webhook_url: string | null }>(
    `select notify_webhook_url from teams where id = $1`,
    [teamId],
  );
  return rows[0]?.notify_webhook_url ?? null;
}
