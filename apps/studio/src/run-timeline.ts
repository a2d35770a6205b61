/**
 * The run view's node timeline: where each pipeline node stands and how long it took, worked
 * out from the run's events alone (`node.started`, `node.finished` with `durationMs`,
 * `run.approved`/`run.rejected` at the two gates, `run.failed`, `run.cancelled`, `run.retried`),
 * so the live view can update it with every event the stream brings.
 */

/**
 * The pipeline's nodes in the order the graph visits them: the orchestrator's
 * `PIPELINE_NODES`, repeated because the studio loads nothing of the orchestrator.
 */
export const TIMELINE_NODES = [
  { node: "plan", label: "Plan" },
  { node: "preview", label: "Preview" },
  { node: "planApproval", label: "Plan approval" },
  { node: "code", label: "Code" },
  { node: "test", label: "Test" },
  { node: "review", label: "Review" },
  { node: "smoke", label: "Smoke test" },
  { node: "approve", label: "Release approval" },
  { node: "commit", label: "Commit" },
  { node: "deploy", label: "Deploy" },
] as const;

export type NodeStatus = "waiting" | "running" | "done" | "failed" | "cancelled";

/** An event as `runs.events` sends it (the fields the timeline reads). */
export interface TimelineEvent {
  seq: number;
  type: string;
  node: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

export interface NodeTiming {
  node: string;
  label: string;
  status: NodeStatus;
  /** How many times it started: code and the checks run again in each repair round. */
  runs: number;
  /** Its finished runs' durations added up; null when none finished. */
  durationMs: number | null;
  /** When the run in progress started (for a running node), else null. */
  runningSince: string | null;
  /** Its last word: a finished run's summary, progress while running, a failure's reason. */
  summary: string | null;
}

/** The gates' nodes by the `gate` their decision events name. */
const GATE_NODE: Record<string, string> = { plan: "planApproval", release: "approve" };
/** The run statuses that mean a gate waits for a person. */
const WAITING_AT: Record<string, string> = {
  awaiting_plan_approval: "planApproval",
  awaiting_approval: "approve",
};

interface Tally {
  runs: number;
  finished: number;
  durationMs: number | null;
  openSince: string | null;
  summary: string | null;
  verdict: "approved" | "rejected" | "failed" | null;
}

const text = (value: unknown): string | null => (typeof value === "string" && value ? value : null);

/** Each node's status and duration after `events`, for a run whose status is `runStatus`. */
export function nodeTimeline(events: readonly TimelineEvent[], runStatus: string): NodeTiming[] {
  const tallies = new Map<string, Tally>(
    TIMELINE_NODES.map(({ node }) => [
      node,
      { runs: 0, finished: 0, durationMs: null, openSince: null, summary: null, verdict: null },
    ]),
  );
  let ended = ["succeeded", "failed", "cancelled"].includes(runStatus) ? runStatus : null;
  let lastFinished: string | null = null;
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    const tally = event.node ? tallies.get(event.node) : undefined;
    const p = event.payload;
    if (event.type === "node.started" && tally) {
      tally.runs++;
      tally.openSince = event.createdAt;
      // A node started again (a retried run goes on from the node that failed) is not failed.
      if (tally.verdict === "failed") tally.verdict = null;
    } else if (event.type === "node.finished" && tally) {
      tally.openSince = null;
      tally.finished++;
      if (typeof p.durationMs === "number")
        tally.durationMs = (tally.durationMs ?? 0) + p.durationMs;
      tally.summary = text(p.summary) ?? tally.summary;
      lastFinished = event.node;
    } else if (event.type === "node.progress" && tally?.openSince) {
      tally.summary = text(p.message) ?? tally.summary;
    } else if (event.type === "run.approved" || event.type === "run.rejected") {
      const gate = tallies.get(GATE_NODE[String(p.gate)] ?? "");
      if (!gate) continue;
      const approved = event.type === "run.approved";
      gate.verdict = approved ? "approved" : "rejected";
      const comment = text(p.comment);
      gate.summary = `${approved ? "approved" : "rejected"} by ${text(p.by) ?? "someone"}${comment ? `: ${comment}` : ""}`;
    } else if (event.type === "run.failed") {
      ended = "failed";
      const failed = failedNode(event, tallies, lastFinished);
      if (failed && failed.verdict !== "failed") {
        failed.verdict = "failed";
        failed.openSince = null;
        failed.summary = text(p.summary) ?? text(p.message) ?? failed.summary;
      }
    } else if (event.type === "run.succeeded" || event.type === "run.cancelled") {
      ended = event.type.slice(4);
    } else if (event.type === "run.retried") {
      // The same run goes on from where it stopped: what was cut off is no longer running.
      ended = null;
      for (const t of tallies.values()) t.openSince = null;
    }
  }
  return TIMELINE_NODES.map(({ node, label }) => {
    const t = tallies.get(node)!;
    const status = statusOf(t, node, runStatus, ended);
    return {
      node,
      label,
      status,
      runs: t.runs,
      durationMs: t.durationMs,
      runningSince: status === "running" ? t.openSince : null,
      summary:
        t.summary ?? (status === "running" && !t.openSince ? "waiting for a decision" : null),
    };
  });
}

/**
 * The node a `run.failed` is about: the one it names (in the event, or in the failure's
 * `node`), else one still running, else the check that finished last (the `fail` node reports
 * the check that failed too often).
 */
function failedNode(
  event: TimelineEvent,
  tallies: Map<string, Tally>,
  lastFinished: string | null,
) {
  const named = tallies.get(event.node ?? "") ?? tallies.get(String(event.payload.node ?? ""));
  if (named) return named;
  const running = [...tallies.values()].find((t) => t.openSince !== null);
  return running ?? (lastFinished ? tallies.get(lastFinished) : undefined);
}

function statusOf(t: Tally, node: string, runStatus: string, ended: string | null): NodeStatus {
  if (t.verdict === "failed" || t.verdict === "rejected") return "failed";
  if (t.verdict === "approved") return "done";
  if (t.openSince !== null) {
    if (ended === "cancelled") return "cancelled";
    return ended === "failed" ? "failed" : "running";
  }
  if (WAITING_AT[runStatus] === node && ended === null) return "running";
  // A node cut off by a cancel, and not finished since, runs again when the run goes on.
  return t.finished > 0 ? "done" : "waiting";
}

/** A duration as people read it: "420 ms", "4.2 s", "3 min 05 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
}
