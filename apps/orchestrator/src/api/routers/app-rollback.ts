import { TRPCError } from "@trpc/server";
import { inTransaction, writeAudit } from "../audit.js";
import { auditSourceOf, type AuthorizedContext } from "../context.js";
import { iso } from "../pagination.js";

/** A row of `deployments` as the API shows it. */
export interface DeploymentView {
  id: string;
  appId: string;
  runId: string | null;
  kind: "deploy" | "rollback";
  project: string;
  version: number;
  url: string;
  commitSha: string | null;
  createdBy: string | null;
  createdAt: string;
}

/** A `deployments` row as {@link DEPLOYMENT_COLUMNS} selects it. */
export interface DeploymentRow {
  id: string;
  app_id: string;
  run_id: string | null;
  kind: "deploy" | "rollback";
  project: string;
  version: number;
  url: string;
  commit_sha: string | null;
  created_by: string | null;
  created_at: Date;
}

/** The columns {@link toDeploymentView} reads, from `deployments d`. */
export const DEPLOYMENT_COLUMNS = `d.id, d.app_id, d.run_id, d.kind, d.project, d.version, d.url,
  d.commit_sha, d.created_by, d.created_at`;

export function toDeploymentView(row: DeploymentRow): DeploymentView {
  return {
    id: row.id,
    appId: row.app_id,
    runId: row.run_id,
    kind: row.kind,
    project: row.project,
    version: row.version,
    url: row.url,
    commitSha: row.commit_sha,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
  };
}

/**
 * Releases the version `deploymentId` deployed on the runtime, then records a `rollback`
 * deployment and its audit row together. The release comes first: a version that the runtime
 * refuses is never recorded as live.
 *
 * @throws TRPCError NOT_FOUND when the deployment is not the app's, CONFLICT when its version
 *   is the one live, PRECONDITION_FAILED without a runtime client; AdminApiError from the runtime.
 */
export async function rollbackApp(
  ctx: AuthorizedContext,
  appId: string,
  deploymentId: string,
): Promise<DeploymentView> {
  const { pool, hosting } = ctx.services;
  if (!hosting) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "rollbacks need the runtime's admin client, which this orchestrator was not given",
    });
  }
  const { rows } = await pool.query<DeploymentRow>(
    `select ${DEPLOYMENT_COLUMNS} from deployments d where d.app_id = $1
      order by d.created_at desc, d.id desc`,
    [appId],
  );
  const target = rows.find((d) => d.id === deploymentId);
  if (!target) {
    throw new TRPCError({
      code: "NOT_FOUND",
      message: `deploymentId: app ${appId} has no deployment ${deploymentId}`,
    });
  }
  const live = rows[0]!;
  if (live.project === target.project && live.version === target.version) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `version ${target.version} of '${target.project}' is already live`,
    });
  }
  await hosting.releaseSite(target.project, target.version);
  return inTransaction(pool, async (client) => {
    const inserted = await client.query<DeploymentRow>(
      `insert into deployments as d (app_id, team_id, kind, project, version, url, commit_sha, created_by)
       values ($1, $2, 'rollback', $3, $4, $5, $6, $7) returning ${DEPLOYMENT_COLUMNS}`,
      [
        appId,
        ctx.caller.teamId,
        target.project,
        target.version,
        target.url,
        target.commit_sha,
        ctx.caller.userId ?? null,
      ],
    );
    const rollback = toDeploymentView(inserted.rows[0]!);
    await writeAudit(client, auditSourceOf(ctx), {
      action: "app.rolled_back",
      targetType: "app",
      targetId: appId,
      data: {
        deploymentId: rollback.id,
        toDeploymentId: target.id,
        project: target.project,
        fromVersion: live.version,
        toVersion: target.version,
      },
    });
    return rollback;
  });
}
