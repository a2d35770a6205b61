import { bigint, index, integer, jsonb, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { runtime } from "./columns.js";
import { projects } from "./projects.js";

// Functions: deployed versions, their invocations' logs, schedules and idempotency keys.

/**
 * Deployed functions: every deploy adds a version (1, 2, …); the highest one is live. The
 * bundle is esbuild's ESM output; `config` is `{ memoryMb, timeoutMs, secrets }`, `trigger`
 * one of `FunctionTrigger` (`functions/function-config.ts`).
 */
export const functions = runtime.table(
  "functions",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    version: integer("version").notNull(),
    bundle: text("bundle").notNull(),
    /** The source as deployed (null for versions deployed before it was kept): what export writes. */
    source: text("source"),
    config: jsonb("config").notNull(),
    trigger: jsonb("trigger").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.name, t.version] })],
);

/**
 * One row per invocation: its output lines, duration and outcome. Housekeeping purges rows
 * older than a week.
 */
export const functionLogs = runtime.table(
  "function_logs",
  {
    id: bigint("id", { mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    version: integer("version").notNull(),
    /** `[{ stream, line, at }]` */
    lines: jsonb("lines").notNull(),
    durationMs: integer("duration_ms").notNull(),
    /** null when the invocation succeeded, else `timeout|oom|crash|error`. */
    errorKind: text("error_kind"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("function_logs_function_idx").on(t.projectId, t.name, t.id),
    index("function_logs_created_idx").on(t.createdAt),
  ],
);

/**
 * When each scheduled function fires next. Deploys write it with the function's version;
 * the scheduler (`functions/schedules/`) claims due rows `for update skip locked`, so one
 * runtime process of many logs each tick, as an event in the same transaction.
 */
export const functionSchedules = runtime.table(
  "function_schedules",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    nextRunAt: timestamp("next_run_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.name] }),
    index("function_schedules_due_idx").on(t.nextRunAt),
  ],
);

/**
 * Commits already applied under a key (a trigger's delivery and the commit's ordinal, or a
 * key the function chose), with what they answered: a retried delivery gets the answer again
 * instead of writing twice. Housekeeping purges keys after a week, as long as the event queue
 * keeps its jobs.
 */
export const idempotencyKeys = runtime.table(
  "idempotency_keys",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    result: jsonb("result").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.key] }),
    index("idempotency_keys_created_idx").on(t.createdAt),
  ],
);
