import type pg from "pg";
import type { Deployment } from "../pipeline/state.js";

/** Where runs' deploys are recorded: the platform's history of what went live per app. */
export interface DeploymentLedger {
  /** The run's recorded deploy, when it made one. */
  find(runId: string): Promise<Required<Deployment> | undefined>;
  /** Records the run's deploy (once: a second record of one run changes nothing). */
  record(
    runId: string,
    deployment: Deployment,
    commit?: { sha: string; repo: string },
  ): Promise<void>;
}

/**
 * The ledger in the `deployments` table. Recording also notes the app's runtime project and
 * repository on its `apps` row, so the API and the regression runs find them.
 */
export class PostgresDeploymentLedger implements DeploymentLedger {
  constructor(private readonly pool: pg.Pool) {}

  async find(runId: string): Promise<Required<Deployment> | undefined> {
    const { rows } = await this.pool.query<Required<Deployment>>(
      `select project, url, version from deployments where run_id = $1 and kind = 'deploy'`,
      [runId],
    );
    return rows[0];
  }

  async record(
    runId: string,
    deployment: Deployment,
    commit?: { sha: string; repo: string },
  ): Promise<void> {
    // A deploy without a site released no version: nothing to roll back to, nothing to record.
    if (deployment.version === undefined) return;
    const client = await this.pool.connect();
    try {
      await client.query("begin");
      const { rows } = await client.query<{ app_id: string }>(
        `insert into deployments (app_id, team_id, run_id, kind, project, version, url, commit_sha,
                                  created_by)
         select app_id, team_id, id, 'deploy', $2, $3, $4, $5, created_by from runs where id = $1
         on conflict (run_id) where kind = 'deploy' do nothing
         returning app_id`,
        [runId, deployment.project, deployment.version, deployment.url, commit?.sha ?? null],
      );
      if (rows[0]) {
        await client.query(
          `update apps set runtime_project_id = $2, repo_path = coalesce($3, repo_path),
                  updated_at = now() where id = $1`,
          [rows[0].app_id, deployment.project, commit?.repo ?? null],
        );
      }
      await client.query("commit");
    } catch (e) {
      await client.query("rollback");
      throw e;
    } finally {
      client.release();
    }
  }
}
