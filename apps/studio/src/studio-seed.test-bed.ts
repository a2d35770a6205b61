// What the studio's integration test puts in the platform database, through the
// orchestrator's package exports and plain SQL (the orchestrator's own test bed is internal).

import { PostgresRunLog, type RunControl } from "@winky/orchestrator";
import { issueApiToken } from "@winky/orchestrator/api";
import type pg from "pg";

/** The studio never starts, decides or cancels runs in these tests. */
export const unusedRunControl: RunControl = {
  create: () => Promise.reject(new Error("not used")),
  decide: () => Promise.reject(new Error("not used")),
  cancel: () => Promise.reject(new Error("not used")),
  retry: () => Promise.reject(new Error("not used")),
};

/** The failure of every seeded failed run. */
export const FAILURE = {
  code: "tests-failed",
  message: "2 of 9 tests failed: notes keep their tags",
};

/** A failed run of the team's app `appSlug` (unique across teams), its log ending in `run.failed`. */
export async function seedFailedRun(
  pool: pg.Pool,
  teamId: string,
  appSlug: string,
): Promise<string> {
  const { rows: apps } = await pool.query<{ id: string }>(
    "insert into apps (team_id, slug, name) values ($1, $2, $2) returning id",
    [teamId, appSlug],
  );
  const { rows } = await pool.query<{ id: string }>(
    `insert into runs (app_id, team_id, prompt, engine, status, started_at, finished_at, error)
     values ($1, $2, 'a notes app with tags', 'offline', 'failed', now(), now(), $3) returning id`,
    [apps[0]!.id, teamId, JSON.stringify(FAILURE)],
  );
  const runId = rows[0]!.id;
  const log = new PostgresRunLog(pool);
  await log.append(runId, "node.started", "test", {});
  await log.append(runId, "run.failed", "test", { summary: FAILURE.message });
  return runId;
}

/** A run of the team's `waiting-notes` app that waits for its release to be approved. */
export async function seedWaitingRun(pool: pg.Pool, teamId: string): Promise<string> {
  const { rows: apps } = await pool.query<{ id: string }>(
    "insert into apps (team_id, slug, name) values ($1, 'waiting-notes', 'Waiting notes') returning id",
    [teamId],
  );
  const { rows } = await pool.query<{ id: string }>(
    `insert into runs (app_id, team_id, prompt, engine, status, started_at)
     values ($1, $2, 'a notes app to approve', 'offline', 'awaiting_approval', now()) returning id`,
    [apps[0]!.id, teamId],
  );
  await pool.query("insert into approvals (run_id, kind) values ($1, 'release')", [rows[0]!.id]);
  return rows[0]!.id;
}

/** A viewer of the team, and their token. */
export async function addViewer(pool: pg.Pool, teamId: string, email: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    "insert into users (email, display_name) values ($1, $1) returning id",
    [email],
  );
  await pool.query("insert into memberships (team_id, user_id, role) values ($1, $2, 'viewer')", [
    teamId,
    rows[0]!.id,
  ]);
  const issued = await issueApiToken(pool, {
    teamId,
    userId: rows[0]!.id,
    name: "viewer token",
    role: null,
    expiresAt: null,
  });
  return issued.token;
}
