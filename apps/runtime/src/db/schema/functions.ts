import { bigint, index, integer, jsonb, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { runtime } from "./columns.js";
import { projects } from "./projects.js";

// Functions: deployed versions and their invocations' logs.

/**
 * Deployed functions: every deploy adds a version (1, 2, …); the highest one is live. The
 * bundle is esbuild's ESM output; `config` is `{ memoryMb, timeoutMs, secrets }`, `trigger`
 * `{ kind: "callable" }` or `{ kind: "document", event, path }`.
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
