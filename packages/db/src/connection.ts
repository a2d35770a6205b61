import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema/index.js";

/** The platform schema as one object, the shape Drizzle's relational query API expects. */
export type PlatformSchema = typeof schema;

/** A Drizzle database over the platform schema: `db.select().from(runs)`, `db.query.apps`. */
export type Database = NodePgDatabase<PlatformSchema>;

/** Pool settings for {@link createDb}; every field has a default fit for one service. */
export interface CreateDbOptions {
  /** Most connections the pool opens at once. Default 10. */
  maxConnections?: number;
  /** How long to wait for a new connection before the query fails. Default 10 000 ms. */
  connectTimeoutMs?: number;
  /** How long an idle connection stays open. Default 30 000 ms. */
  idleTimeoutMs?: number;
  /** Shown in `pg_stat_activity`, to tell services apart on a shared server. */
  applicationName?: string;
  /**
   * Called when an idle pooled connection breaks (server restart, network). The pool drops it
   * and opens a new one on the next query, so the default is to ignore it; without a listener
   * node-postgres would crash the process.
   */
  onPoolError?: (error: Error) => void;
}

/** What {@link createDb} returns: the Drizzle database, its pool, and a way to close both. */
export interface DatabaseHandle {
  db: Database;
  /** The underlying node-postgres pool, for raw SQL and for `migrate()`. */
  pool: pg.Pool;
  /** Ends the pool, waiting for checked-out connections to be released. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Opens a connection pool to the PostgreSQL server at `url` and wraps it in Drizzle with the
 * platform schema. Connections are made lazily, so this never fails for an unreachable server:
 * the first query does. Call `migrate()` at boot first to fail fast with a clear message.
 */
export function createDb(url: string, options: CreateDbOptions = {}): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    idleTimeoutMillis: options.idleTimeoutMs ?? 30_000,
    application_name: options.applicationName,
  });
  pool.on("error", options.onPoolError ?? (() => undefined));
  const db = drizzle({ client: pool, schema });
  let closing: Promise<void> | undefined;
  return {
    db,
    pool,
    close: () => (closing ??= pool.end()),
  };
}
