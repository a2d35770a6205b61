import { TRPCError } from "@trpc/server";
import type pg from "pg";
import { z } from "zod";
import { cursorInput, idInput, iso, limitInput, pageOf, type Page } from "../pagination.js";
import { procedureFor, router } from "../trpc.js";
import {
  DEPLOYMENT_COLUMNS,
  rollbackApp,
  toDeploymentView,
  type DeploymentRow,
  type DeploymentView,
} from "./app-rollback.js";
import { readAppCommits, type CommitView } from "./app-commits.js";
import { readRegressionChecks, type RegressionCheckView } from "./app-regressions.js";

/**
 * How an app's last regression check went: `passing` when its latest finished regression run
 * succeeded, `failing` when it failed, `unknown` before any finished. A cancelled check says
 * nothing about the app, so it does not count.
 */
export interface AppHealth {
  status: "passing" | "failing" | "unknown";
  runId?: string;
  checkedAt?: string;
}

export interface AppView {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  createdAt: string;
  health: AppHealth;
  /** What is live: the app's latest deployment (a deploy or a rollback); null before any. */
  live: LiveDeployment | null;
}

/** Where the app is served, and which version since when. */
export interface LiveDeployment {
  url: string;
  version: number;
  deployedAt: string;
}

const appId = idInput("app");
/** How many entries of an app's history a call answers: 1 to 100, 30 unless asked. */
const historyLimit = z.number().int().min(1).max(100).default(30);

/** The team's apps, their health and deployments (viewer+), and rollbacks (admin+). */
export const appsRouter = router({
  /** The team's apps, newest first. */
  list: procedureFor("viewer")
    .input(z.object({ cursor: cursorInput, limit: limitInput }).default({ limit: 50 }))
    .query(async ({ ctx, input }): Promise<Page<AppView>> => {
      const apps = await readApps(ctx.services.pool, ctx.caller.teamId, {
        cursor: input.cursor ?? null,
        limit: input.limit + 1,
      });
      return pageOf(apps, input.limit, (app) => app.id);
    }),

  /** One app with its health. */
  byId: procedureFor("viewer")
    .input(z.object({ appId }))
    .query(async ({ ctx, input }): Promise<AppView> => {
      const [app] = await readApps(ctx.services.pool, ctx.caller.teamId, { id: input.appId });
      if (!app) throw new TRPCError({ code: "NOT_FOUND", message: `no app ${input.appId}` });
      return app;
    }),

  /** What went live for the app, newest first: deploys and rollbacks. */
  deployments: procedureFor("viewer")
    .input(z.object({ appId, cursor: cursorInput, limit: limitInput }))
    .query(async ({ ctx, input }): Promise<Page<DeploymentView>> => {
      const { rows } = await ctx.services.pool.query<DeploymentRow>(
        `select ${DEPLOYMENT_COLUMNS} from deployments d
          where d.app_id = $1
            and ($2::uuid is null
                 or (d.created_at, d.id) < (select created_at, id from deployments where id = $2))
          order by d.created_at desc, d.id desc limit $3`,
        [input.appId, input.cursor ?? null, input.limit + 1],
      );
      return pageOf(rows.map(toDeploymentView), input.limit, (d) => d.id);
    }),

  /** The app's finished regression checks, newest first: its health over time. */
  regressions: procedureFor("viewer")
    .input(z.object({ appId, limit: historyLimit }))
    .query(({ ctx, input }): Promise<RegressionCheckView[]> =>
      readRegressionChecks(ctx.services.pool, input.appId, input.limit),
    ),

  /** The app's Git log, newest first, from its repository in the workers' data dir. */
  commits: procedureFor("viewer")
    .input(z.object({ appId, limit: historyLimit }))
    .query(async ({ ctx, input }): Promise<CommitView[]> => {
      const { rows } = await ctx.services.pool.query<{ slug: string }>(
        "select slug from apps where id = $1",
        [input.appId],
      );
      // `procedureFor` found the app already: it is the caller's team's.
      return readAppCommits(ctx.services.dataDir, rows[0]!.slug, input.limit);
    }),

  /** Puts the version of one of the app's earlier deployments live again, and records it. */
  rollback: procedureFor("admin")
    .input(z.object({ appId, deploymentId: idInput("deployment") }))
    .mutation(({ ctx, input }) => rollbackApp(ctx, input.appId, input.deploymentId)),
});

interface AppRow {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  created_at: Date;
  health_run_id: string | null;
  health_status: "succeeded" | "failed" | null;
  checked_at: Date | null;
  live_url: string | null;
  live_version: number | null;
  live_at: Date | null;
}

async function readApps(
  pool: pg.Pool,
  teamId: string,
  which: { id: string } | { cursor: string | null; limit: number },
): Promise<AppView[]> {
  const one = "id" in which;
  const { rows } = await pool.query<AppRow>(
    `select a.id, a.slug, a.name, a.description, a.created_at,
            h.id as health_run_id, h.status as health_status, h.finished_at as checked_at,
            d.url as live_url, d.version as live_version, d.created_at as live_at
       from apps a
       left join lateral (select id, status, finished_at from runs
                           where app_id = a.id and kind = 'regression'
                             and status in ('succeeded', 'failed')
                           order by finished_at desc limit 1) h on true
       left join lateral (select url, version, created_at from deployments
                           where app_id = a.id
                           order by created_at desc, id desc limit 1) d on true
      where a.team_id = $1
        and ${one ? "a.id = $2" : "($2::uuid is null or (a.created_at, a.id) < (select created_at, id from apps where id = $2))"}
      order by a.created_at desc, a.id desc
      limit ${one ? 1 : "$3"}`,
    one ? [teamId, which.id] : [teamId, which.cursor, which.limit],
  );
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    createdAt: iso(row.created_at),
    health: healthOf(row),
    live:
      row.live_url !== null && row.live_version !== null && row.live_at !== null
        ? { url: row.live_url, version: row.live_version, deployedAt: iso(row.live_at) }
        : null,
  }));
}

function healthOf(row: AppRow): AppHealth {
  if (!row.health_run_id || !row.checked_at) return { status: "unknown" };
  return {
    status: row.health_status === "succeeded" ? "passing" : "failing",
    runId: row.health_run_id,
    checkedAt: iso(row.checked_at),
  };
}
