import type { Queryable } from "../audit.js";

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

/**
 * Each run's plan title, where the run has planned. The plan lives only in the pipeline's
 * LangGraph checkpoint (schema `langgraph`, made by the worker): the title is read from the
 * `appPlan` channel's blob at the run's latest checkpoint. Before any worker made those tables,
 * or when a blob is not the JSON a plan is, runs simply have no title here.
 */
export async function readPlanTitles(
  db: Queryable,
  runIds: readonly string[],
): Promise<Map<string, string>> {
  if (runIds.length === 0) return new Map();
  const { rows: ready } = await db.query<{ ok: boolean }>(
    `select to_regclass('langgraph.checkpoints') is not null
        and to_regclass('langgraph.checkpoint_blobs') is not null as ok`,
  );
  if (!ready[0]?.ok) return new Map();
  const { rows } = await db.query<{ thread_id: string; blob: Buffer }>(
    `select c.thread_id, b.blob
       from (select distinct on (thread_id) thread_id, checkpoint from langgraph.checkpoints
              where thread_id = any($1::text[]) and checkpoint_ns = ''
              order by thread_id, checkpoint_id desc) c
       join langgraph.checkpoint_blobs b
         on b.thread_id = c.thread_id and b.checkpoint_ns = '' and b.channel = 'appPlan'
        and b.version = c.checkpoint->'channel_versions'->>'appPlan' and b.type = 'json'`,
    [runIds],
  );
  const titles = new Map<string, string>();
  for (const row of rows) {
    const title = titleOf(row.blob);
    if (title) titles.set(row.thread_id, title);
  }
  return titles;
}

function titleOf(blob: Buffer | null): string | null {
  if (!blob) return null;
  try {
    const plan = JSON.parse(blob.toString("utf8")) as { title?: unknown } | null;
    return typeof plan?.title === "string" && plan.title.trim() ? plan.title.trim() : null;
  } catch {
    return null;
  }
}
