import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  inet,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, isNotBlank } from "./columns.js";

/** Who did something: a signed-in user, an API token, or the platform itself. */
export const actorKind = pgEnum("actor_kind", ["user", "token", "system"]);

/**
 * The append-only record of who did what: approvals, rejections, token changes, deploys,
 * membership changes. Read by the studio's audit view, newest first, per team.
 *
 * Deliberately without foreign keys: an audit entry must outlive what it names, including the
 * "team deleted" or "user deleted" entry itself, so `team_id`, `actor_id` and `target_id` are
 * plain values. `actor_id` is a `users.id` for a user and an `api_tokens.id` for a token.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** Null for platform-wide actions that belong to no team. */
    teamId: uuid("team_id"),
    actorId: uuid("actor_id"),
    actorKind: actorKind("actor_kind").notNull(),
    /** Dotted verb, e.g. `approval.approved`, `token.revoked`, `app.deployed`. */
    action: text("action").notNull(),
    targetType: text("target_type"),
    // Text, not uuid: targets include rows with numeric ids and things outside this database.
    targetId: text("target_id"),
    data: jsonb("data")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    ip: inet("ip"),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_team_id_created_at_idx").on(t.teamId, t.createdAt),
    index("audit_log_target_idx").on(t.targetType, t.targetId),
    check("audit_log_action_not_blank", isNotBlank(t.action)),
    // Users and tokens are always named; only the system acts anonymously.
    check("audit_log_actor_named", sql`${t.actorKind} = 'system' or ${t.actorId} is not null`),
  ],
);

/** A row of `audit_log`. */
export type AuditLogEntry = typeof auditLog.$inferSelect;
/** The fields needed to append an audit entry; `id` is generated and may not be given. */
export type NewAuditLogEntry = typeof auditLog.$inferInsert;
/** `user`, `token` or `system`. */
export type ActorKind = (typeof actorKind.enumValues)[number];
