import { sql, type SQL } from "drizzle-orm";
import { timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";

// Column builders shared by the platform tables, so every table spells ids and times the same way.

/** Primary key for entity tables: a random UUID made by PostgreSQL (gen_random_uuid, PG13+). */
export const uuidPrimaryKey = () => uuid("id").primaryKey().defaultRandom();

/** `created_at timestamptz not null default now()`. */
export const createdAt = () =>
  timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

/**
 * `updated_at timestamptz not null default now()`, bumped by Drizzle on every `update()`.
 * Raw SQL updates must set it themselves: a trigger would hide writes from the query log and cost
 * more than it saves for the few tables that have the column.
 */
export const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true, mode: "date" })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/** A nullable `timestamptz` for moments that may not have happened yet. */
export const optionalTimestamp = (name: string) =>
  timestamp(name, { withTimezone: true, mode: "date" });

/**
 * The URL-safe slug rule shared by teams and apps: lower-case letters, digits and dashes, not
 * starting with a dash, at most 63 characters (so a slug fits in a DNS label).
 */
export const slugPattern = "^[a-z0-9][a-z0-9-]{0,62}$";

/** SQL for "this slug column matches {@link slugPattern}", for check constraints. */
export const isValidSlug = (column: AnyPgColumn): SQL =>
  sql`${column} ~ ${sql.raw(`'${slugPattern}'`)}`;

/** SQL for "this text column holds more than whitespace", for check constraints. */
export const isNotBlank = (column: AnyPgColumn): SQL => sql`btrim(${column}) <> ''`;
