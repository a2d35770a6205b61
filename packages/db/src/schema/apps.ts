import { check, index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { teams, users } from "./accounts.js";
import { createdAt, isNotBlank, isValidSlug, updatedAt, uuidPrimaryKey } from "./columns.js";

/**
 * An app a team generates and runs: the thing a prompt turns into code. `repo_path` is set once
 * the first approved run commits to Git, and `runtime_project_id` once it is first deployed to
 * the runtime; both are null before that.
 */
export const apps = pgTable(
  "apps",
  {
    id: uuidPrimaryKey(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    repoPath: text("repo_path"),
    runtimeProjectId: text("runtime_project_id"),
    // History outlives people: when a user is deleted, what they made stays, unattributed.
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Also serves "apps of a team" and the team_id foreign key, as team_id leads.
    unique("apps_team_id_slug_key").on(t.teamId, t.slug),
    // The slug names the app's runtime project, its site's host and its repository, which are
    // one namespace for the whole installation: two teams' "notes" would deploy over each other.
    unique("apps_slug_key").on(t.slug),
    // Target of runs' (app_id, team_id) foreign key, which keeps a run in its app's team.
    unique("apps_id_team_id_key").on(t.id, t.teamId),
    index("apps_created_by_idx").on(t.createdBy),
    check("apps_slug_format", isValidSlug(t.slug)),
    check("apps_name_not_blank", isNotBlank(t.name)),
  ],
);

/** A row of `apps`. */
export type App = typeof apps.$inferSelect;
/** The fields needed to insert an app. */
export type NewApp = typeof apps.$inferInsert;
