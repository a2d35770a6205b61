import { sql } from "drizzle-orm";
import { check, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { membershipRole, teams, users } from "./accounts.js";
import { createdAt, isNotBlank, optionalTimestamp, uuidPrimaryKey } from "./columns.js";

/**
 * API tokens for the tRPC API and the CLI. A token belongs to a team and, when a person made it
 * for themselves, to a user as well (`user_id` null means a team-wide service token).
 *
 * Only a hash of the secret is stored: a leaked database must not leak working credentials.
 * `prefix` is the first few characters of the token, kept so people can tell tokens apart in
 * the studio. A token is usable while `revoked_at` is null and `expires_at` is null or ahead.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuidPrimaryKey(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    // A personal token must not outlive its owner, so it goes with the user.
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /**
     * The most the token may do. A personal token acts with the lesser of this and its owner's
     * current role (null: the owner's role); a team token (no user) must have one.
     */
    role: membershipRole("role"),
    tokenHash: text("token_hash").notNull().unique("api_tokens_token_hash_key"),
    prefix: text("prefix").notNull(),
    scopes: text("scopes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    lastUsedAt: optionalTimestamp("last_used_at"),
    expiresAt: optionalTimestamp("expires_at"),
    revokedAt: optionalTimestamp("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("api_tokens_team_id_idx").on(t.teamId),
    index("api_tokens_user_id_idx").on(t.userId),
    check("api_tokens_name_not_blank", isNotBlank(t.name)),
    check("api_tokens_prefix_not_blank", isNotBlank(t.prefix)),
    check("api_tokens_team_token_has_role", sql`${t.userId} is not null or ${t.role} is not null`),
  ],
);

/** A row of `api_tokens`. */
export type ApiToken = typeof apiTokens.$inferSelect;
/** The fields needed to insert an API token (its hash, never the token itself). */
export type NewApiToken = typeof apiTokens.$inferInsert;
