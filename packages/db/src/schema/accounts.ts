import { sql } from "drizzle-orm";
import {
  check,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, isNotBlank, isValidSlug, updatedAt, uuidPrimaryKey } from "./columns.js";

// People and the teams they work in. Everything else the platform stores belongs to a team.

/**
 * What a member may do in a team, from most to least powerful: `owner` (everything, including
 * deleting the team), `admin` (manage members, tokens and apps), `member` (start runs, comment,
 * approve), `viewer` (read only).
 */
export const membershipRole = pgEnum("membership_role", ["owner", "admin", "member", "viewer"]);

/**
 * A person who signs in to the studio. Email keeps the casing the user typed, but uniqueness is
 * case-insensitive (a unique index on `lower(email)`): look users up with
 * `lower(email) = lower($1)` so that index is used.
 */
export const users = pgTable(
  "users",
  {
    id: uuidPrimaryKey(),
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    /** Null for users who only sign in through an identity provider. */
    passwordHash: text("password_hash"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    // Cheap sanity only; real validation happens at the API edge with a proper message.
    check("users_email_shape", sql`${t.email} ~ '^[^@[:space:]]+@[^@[:space:]]+$'`),
    check("users_display_name_not_blank", isNotBlank(t.displayName)),
  ],
);

/** A team: the unit of ownership and billing. Its slug appears in URLs. */
export const teams = pgTable(
  "teams",
  {
    id: uuidPrimaryKey(),
    slug: text("slug").notNull().unique("teams_slug_key"),
    name: text("name").notNull(),
    /**
     * When the team's deployed apps are re-checked (cron, 5 or 6 fields); null means nightly
     * at 03:00 in `regression_time_zone`.
     */
    regressionCron: text("regression_cron"),
    regressionTimeZone: text("regression_time_zone").notNull().default("UTC"),
    /**
     * Where failures are announced: an incoming-webhook URL taking Slack's JSON (`text`,
     * `blocks`). Such URLs are credentials: never logged, never answered in full by the API.
     */
    notifyWebhookUrl: text("notify_webhook_url"),
    createdAt: createdAt(),
  },
  (t) => [
    check("teams_slug_format", isValidSlug(t.slug)),
    check(
      "teams_notify_webhook_url_http",
      sql`${t.notifyWebhookUrl} is null or ${t.notifyWebhookUrl} ~ '^https?://'`,
    ),
    check("teams_name_not_blank", isNotBlank(t.name)),
  ],
);

/** A user's role in a team. Deleting either side removes the membership. */
export const memberships = pgTable(
  "memberships",
  {
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: membershipRole("role").notNull().default("member"),
    createdAt: createdAt(),
  },
  (t) => [
    // The primary key starts with team_id, so "members of a team" is served by it;
    // "teams of a user" needs its own index.
    primaryKey({ name: "memberships_pkey", columns: [t.teamId, t.userId] }),
    index("memberships_user_id_idx").on(t.userId),
  ],
);

/** A row of `users`. */
export type User = typeof users.$inferSelect;
/** The fields needed to insert a user; id and timestamps have defaults. */
export type NewUser = typeof users.$inferInsert;
/** A row of `teams`. */
export type Team = typeof teams.$inferSelect;
/** The fields needed to insert a team. */
export type NewTeam = typeof teams.$inferInsert;
/** A row of `memberships`. */
export type Membership = typeof memberships.$inferSelect;
/** The fields needed to insert a membership; role defaults to `member`. */
export type NewMembership = typeof memberships.$inferInsert;
/** One of `owner`, `admin`, `member`, `viewer`. */
export type MembershipRole = (typeof membershipRole.enumValues)[number];
