import type pg from "pg";
import type { Queryable } from "../audit.js";
import { latestState } from "./run-artifacts-state.js";
import { screensWithImages } from "./run-artifacts-screens.js";
import { planView, storedPreview } from "./run-artifacts-views.js";

/** The checks a reviewer reads before deciding: tests, the rules/security audit, the smoke run. */
export const CHECK_NODES = ["test", "review", "smoke"] as const;
export type CheckName = (typeof CHECK_NODES)[number];

/** A check's latest result in a run. */
export interface CheckSummary {
  check: CheckName;
  /** The check's one line for people ("12 tests passed", "2 rule findings"). */
  summary: string;
  /**
   * `failed` when the run went back to code for a repair round after it (or failed there);
   * the log records no verdict of its own, so what the pipeline did next is the verdict.
   */
  outcome: "passed" | "failed";
  finishedAt: string;
}

/** What the run log tells a reviewer about each run, without opening it. */
export interface RunChecks {
  checks: CheckSummary[];
  /** How many times a failed check sent the run back to code. */
  repairRounds: number;
}

/**
 * Each run's latest check results and repair rounds, from `run_events`. A check "sent the run
 * back" when the next node to start after it was `code`, or the run failed right there; a
 * check repeated by a resumed worker is followed by itself, so it counts once.
 */
export async function readRunChecks(
  db: Queryable,
  runIds: readonly string[],
): Promise<Map<string, RunChecks>> {
  const result = new Map<string, RunChecks>(
    runIds.map((id) => [id, { checks: [], repairRounds: 0 }]),
  );
  if (runIds.length === 0) return result;
  const { rows } = await db.query<{
    run_id: string;
    node: CheckName;
    seq: number;
    summary: string | null;
    created_at: Date;
    next_type: string | null;
    next_node: string | null;
  }>(
    `select e.run_id, e.node, e.seq, e.payload->>'summary' as summary, e.created_at,
            next.type as next_type, next.node as next_node
       from run_events e
       left join lateral (
         select n.type, n.node from run_events n
          where n.run_id = e.run_id and n.seq > e.seq
            and n.type in ('node.started', 'run.failed')
          order by n.seq limit 1) next on true
      where e.run_id = any($1::uuid[]) and e.type = 'node.finished'
        and e.node = any($2::text[])
      order by e.run_id, e.seq`,
    [runIds, CHECK_NODES],
  );
  const latest = new Map<string, Map<CheckName, CheckSummary>>();
  for (const row of rows) {
    const failed =
      row.next_type === "run.failed" ||
      (row.next_type === "node.started" && row.next_node === "code");
    const run = result.get(row.run_id)!;
    if (failed && row.next_type === "node.started") run.repairRounds += 1;
    const byCheck = latest.get(row.run_id) ?? new Map<CheckName, CheckSummary>();
    // Rows come in log order: a later result of the same check replaces the earlier one.
    byCheck.set(row.node, {
      check: row.node,
      summary: row.summary ?? "",
      outcome: failed ? "failed" : "passed",
      finishedAt: row.created_at.toISOString(),
    });
    latest.set(row.run_id, byCheck);
  }
  for (const [runId, byCheck] of latest) {
    result.get(runId)!.checks = CHECK_NODES.flatMap((c) => {
      const summary = byCheck.get(c);
      return summary ? [summary] : [];
    });
  }
  return result;
}

/** What a reviewer sees of a run's plan in the queue: its title and one wireframe. */
export interface PlanGlance {
  title: string | null;
  /** The first screen whose wireframe is on disk, as `runs.screen` serves it; null if none. */
  wireframe: { index: number; title: string } | null;
}

/**
 * Each run's plan title and first wireframe, from its latest checkpoint (runs that have not
 * planned yet are left out). A plan or preview that is not the shape expected counts as none.
 */
export async function readPlanGlances(
  pool: pg.Pool,
  dataDir: string | undefined,
  runIds: readonly string[],
): Promise<Map<string, PlanGlance>> {
  const glances = new Map<string, PlanGlance>();
  await Promise.all(
    runIds.map(async (runId) => {
      const state = await latestState(pool, runId);
      if (!state) return;
      const title = planView(state.values.appPlan)?.title?.trim() || null;
      const preview = storedPreview(state.values.previewData);
      const images = preview ? await screensWithImages(dataDir, runId, preview) : [];
      const index = images.indexOf(true);
      const screen = index >= 0 ? preview!.screens[index] : undefined;
      glances.set(runId, {
        title,
        wireframe: screen ? { index, title: screen.title } : null,
      });
    }),
  );
  return glances;
}
