import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts.js";
import { apps } from "./apps.js";
import { createdAt, isNotBlank, uuidPrimaryKey } from "./columns.js";
import { runs } from "./runs.js";

/** How a site version went live: a run's deploy, or a rollback to an earlier version. */
export const deploymentKinds = ["deploy", "rollback"] as const;

/**
 * What went live for an app, newest last: each successful run's deploy (its hosting version on
 * the app's runtime project) and each rollback. The runtime keeps the versions themselves; this
 * is the platform's history of them, per app and team.
 */
export const deployments = pgTable(
  "deployments",
  {
    id: uuidPrimaryKey(),
    appId: uuid("app_id").notNull(),
    teamId: uuid("team_id").notNull(),
    /** The run that deployed; null for a rollback. */
    runId: uuid("run_id").references(() => runs.id, { onDelete: "set null" }),
    kind: text("kind").$type<(typeof deploymentKinds)[number]>().notNull(),
    project: text("project").notNull(),
    /** The runtime's hosting version that went live. */
    version: integer("version").notNull(),
    url: text("url").notNull(),
    commitSha: text("commit_sha"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: "deployments_app_id_team_id_fkey",
      columns: [t.appId, t.teamId],
      foreignColumns: [apps.id, apps.teamId],
    }).onDelete("cascade"),
    index("deployments_app_id_created_at_idx").on(t.appId, t.createdAt),
    index("deployments_created_by_idx").on(t.createdBy),
    // A run deploys once: a resumed or retried worker finds its row and adds none.
    uniqueIndex("deployments_one_per_run")
      .on(t.runId)
      .where(sql`${t.kind} = 'deploy'`),
    check("deployments_kind_known", sql.raw(`kind in ('deploy', 'rollback')`)),
    check("deployments_project_not_blank", isNotBlank(t.project)),
    check("deployments_version_positive", sql`${t.version} > 0`),
  ],
);

/** A row of `deployments`. */
export type Deployment = typeof deployments.$inferSelect;
/** The fields needed to record a deployment. */
export type NewDeployment = typeof deployments.$inferInsert;
