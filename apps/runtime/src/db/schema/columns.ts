import { customType, pgSchema, timestamp } from "drizzle-orm/pg-core";

/** PostgreSQL's bytea, as Node Buffers: index keys compare byte by byte. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Text compared byte by byte whatever the database's locale: document ids and paths order as
 * Firestore orders names (UTF-8 bytes), and index scans by path then match that order.
 */
export const byteText = customType<{ data: string }>({ dataType: () => `text COLLATE "C"` });

/** When a row happened: millisecond `Date`s round-trip exactly through microseconds. */
export const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * The runtime's tables live in their own PostgreSQL schema, apart from the platform's: the
 * runtime can move to its own database (or be sharded by project) without touching the studio's
 * tables. Every table is keyed by project.
 */
export const runtime = pgSchema("runtime");
