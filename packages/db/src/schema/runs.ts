import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  unique,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { users } from "./accounts.js";
import { apps } from "./apps.js";
import { createdAt, isNotBlank, optionalTimestamp, uuidPrimaryKey } from "./columns.js";

/**
 * Where a run is in the generation pipeline. The order follows the graph:
 * queued → planning → awaiting_plan_approval → coding → testing → reviewing → smoke →
 * awaiting_approval → committing → deploying, ending in succeeded, failed or cancelled.
 */
export const runStatus = pgEnum("run_status", [
  "queued",
  "planning",
  "awaiting_plan_approval",
  "coding",
  "testing",
  "reviewing",
  "smoke",
  "awaiting_approval",
  "committing",
  "deploying",
  "succeeded",
  "failed",
  "cancelled",
]);

/**
 * What a run does: a `generation` takes a prompt to a deployed app; a `regression` re-runs a
 * deployed app's smoke suite against its production project (scheduled per team).
 */
export const runKinds = ["generation", "regression"] as const;

/** The statuses a run never leaves. */
export const finishedRunStatuses = ["succeeded", "failed", "cancelled"] as const;

// `'succeeded', 'failed', 'cancelled'` for the constraints below, from the one list above.
const finishedList = sql.raw(finishedRunStatuses.map((s) => `'${s}'`).join(", "));

/** What the orchestrator records in `runs.error` when a run fails. */
export interface RunFailure {
  /** Stable machine-readable reason, e.g. `tests-failed`, `sandbox-timeout`. */
  code: string;
  message: string;
  /** The graph node that failed, when one did. */
  node?: string;
  details?: unknown;
}

/**
 * One generation run: a prompt taken through plan, code, test, review, smoke, approval, commit
 * and deploy for one app. `team_id` repeats the app's team so team-wide listings need no join;
 * a composite foreign key to `apps (id, team_id)` keeps the two from disagreeing.
 */
export const runs = pgTable(
  "runs",
  {
    id: uuidPrimaryKey(),
    appId: uuid("app_id").notNull(),
    teamId: uuid("team_id").notNull(),
    kind: text("kind").$type<(typeof runKinds)[number]>().notNull().default("generation"),
    prompt: text("prompt").notNull(),
    status: runStatus("status").notNull().default("queued"),
    /** Which engine generates code: the offline engine or an OpenAI-compatible endpoint. */
    engine: text("engine").notNull(),
    model: text("model"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    /** The run this one retries from the start (same app, prompt and engine), when it does. */
    retryOf: uuid("retry_of").references((): AnyPgColumn => runs.id, { onDelete: "set null" }),
    startedAt: optionalTimestamp("started_at"),
    finishedAt: optionalTimestamp("finished_at"),
    error: jsonb("error").$type<RunFailure>(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: "runs_app_id_team_id_fkey",
      columns: [t.appId, t.teamId],
      foreignColumns: [apps.id, apps.teamId],
    }).onDelete("cascade"),
    // The run history of an app, newest first; also serves the app_id foreign key.
    index("runs_app_id_created_at_idx").on(t.appId, t.createdAt),
    index("runs_team_id_created_at_idx").on(t.teamId, t.createdAt),
    index("runs_created_by_idx").on(t.createdBy),
    // Runs still in flight, for workers resuming after a crash; finished runs are the bulk.
    index("runs_unfinished_idx")
      .on(t.status)
      .where(sql`${t.status} not in (${finishedList})`),
    check("runs_prompt_not_blank", isNotBlank(t.prompt)),
    check("runs_kind_known", sql.raw(`kind in (${runKinds.map((k) => `'${k}'`).join(", ")})`)),
    index("runs_retry_of_idx").on(t.retryOf),
    check("runs_engine_not_blank", isNotBlank(t.engine)),
    // A run has a finish time exactly when it has finished, so "how long" is never a guess.
    check(
      "runs_finished_at_matches_status",
      sql`(${t.status} in (${finishedList})) = (${t.finishedAt} is not null)`,
    ),
    check(
      "runs_finished_after_started",
      sql`${t.finishedAt} is null or ${t.startedAt} is null or ${t.finishedAt} >= ${t.startedAt}`,
    ),
  ],
);

/**
 * The append-only log of a run, streamed live to the studio. `seq` numbers a run's events from
 * 0 without gaps; the unique (run_id, seq) both orders them and rejects a duplicate append from
 * a retried worker. `id` is a global identity, handy as a cursor across runs.
 */
export const runEvents = pgTable(
  "run_events",
  {
    // Numbers, not bigints: 2^53 events is out of reach and numbers serialise to JSON as-is.
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    node: text("node"),
    payload: jsonb("payload")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [
    // Its index serves "events of a run after seq N" and the run_id foreign key.
    unique("run_events_run_id_seq_key").on(t.runId, t.seq),
    check("run_events_seq_not_negative", sql`${t.seq} >= 0`),
    check("run_events_type_not_blank", isNotBlank(t.type)),
  ],
);

/** A row of `runs`. */
export type Run = typeof runs.$inferSelect;
/** The fields needed to insert a run; status defaults to `queued`. */
export type NewRun = typeof runs.$inferInsert;
/** One of the run statuses, from `queued` to `cancelled`. */
export type RunStatus = (typeof runStatus.enumValues)[number];
/** A row of `run_events`. */
export type RunEvent = typeof runEvents.$inferSelect;
/** The fields needed to append a run event; `id` is generated and may not be given. */
export type NewRunEvent = typeof runEvents.$inferInsert;
