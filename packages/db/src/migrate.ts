import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate as applyMigrations } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { DatabaseMigrationError, reasonOf, type MigrationStage } from "./errors.js";
import { targetOfPool, targetOfUrl, withoutPassword } from "./server-target.js";

/**
 * The committed migrations, found from this file so the same path works from `src/` (tests,
 * tsx) and from `dist/` (built): both sit beside `drizzle/` in the package. Nothing is copied.
 */
export const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

// Where Drizzle records applied migrations. Pinned rather than left to Drizzle's defaults so an
// upgrade that changed them could not make a migrated database look empty.
const journalSchema = "drizzle";
const defaultJournalTable = "__drizzle_migrations";

// One lock for every process that migrates this database. hashtextextended is stable across
// PostgreSQL versions (hash partitioning depends on it), so all versions of us agree on the key.
const defaultLockName = "@winky/db:migrate";
const lockKeySql = "hashtextextended($1, 0)";

/** Options for {@link migrate}. */
export interface MigrateOptions {
  /** Another migrations folder, for tools and tests. Default: the package's `drizzle/`. */
  migrationsFolder?: string;
  /** How long to wait for a connection when given a URL. Default 10 000 ms. */
  connectTimeoutMs?: number;
  /** How long to wait while another process migrates. Default 120 000 ms. */
  lockTimeoutMs?: number;
  /**
   * Another migration chain in the same database (the runtime's tables, say) keeps its own
   * journal table in the `drizzle` schema and its own lock, so the chains never mix.
   * Default: the platform's `__drizzle_migrations` and `@winky/db:migrate`.
   */
  chain?: { journalTable: string; lockName: string };
}

/** What {@link migrate} did. */
export interface MigrationResult {
  /** How many migrations this call applied: 0 when the database was already up to date. */
  applied: number;
}

/**
 * Brings the database at `target` (a `postgres://` URL, or a pool whose connection this
 * borrows and returns) up to the committed schema. Call it at boot, before serving.
 *
 * Idempotent: migrations already applied are skipped, so a second call applies nothing. Safe
 * when several processes boot at once: a PostgreSQL advisory lock lets one migrate while the
 * others wait, then find nothing left to do. Pending migrations run in one transaction, so a
 * failure leaves the database as it was.
 *
 * @throws DatabaseMigrationError naming `host:port/database` (never the password) when the
 * migrations are missing, the server is unreachable, the lock is not granted in time, or a
 * migration fails.
 */
export async function migrate(
  target: string | pg.Pool,
  options: MigrateOptions = {},
): Promise<MigrationResult> {
  const server = typeof target === "string" ? targetOfUrl(target) : targetOfPool(target);
  const journalTable = options.chain?.journalTable ?? defaultJournalTable;
  const lockName = options.chain?.lockName ?? defaultLockName;
  const folder = options.migrationsFolder ?? migrationsFolder;
  const fail = (stage: MigrationStage, what: string, cause: unknown) =>
    new DatabaseMigrationError(
      stage,
      server.label,
      withoutPassword(`${what} (PostgreSQL at ${server.label}): ${reasonOf(cause)}`, server),
      { cause },
    );

  if (!existsSync(path.join(folder, "meta", "_journal.json"))) {
    throw fail("read", "cannot migrate", new Error(`no migrations journal in ${folder}`));
  }
  const connection = await connect(target, options.connectTimeoutMs ?? 10_000).catch(
    (e: unknown) => {
      throw fail("connect", "cannot connect to the database", e);
    },
  );
  try {
    await lock(connection.client, lockName, options.lockTimeoutMs ?? 120_000).catch(
      (e: unknown) => {
        // The session may still carry our lock_timeout: do not hand it back to a pool.
        connection.broken = true;
        throw fail("lock", "could not take the migration lock (another process migrating?)", e);
      },
    );
    try {
      const before = await countApplied(connection.client, journalTable);
      await applyMigrations(drizzle({ client: connection.client }), {
        migrationsFolder: folder,
        migrationsSchema: journalSchema,
        migrationsTable: journalTable,
      });
      return { applied: (await countApplied(connection.client, journalTable)) - before };
    } catch (e) {
      throw fail("migrate", "migration failed", e);
    } finally {
      await connection.client
        .query(`select pg_advisory_unlock(${lockKeySql})`, [lockName])
        .catch(() => {
          // Closing the connection below releases a session lock as well.
          connection.broken = true;
        });
    }
  } finally {
    await connection.release();
  }
}

interface Connection {
  client: pg.Client | pg.PoolClient;
  /** Set when the session is in doubt: it is then closed rather than returned to a pool. */
  broken: boolean;
  release(): Promise<void>;
}

async function connect(target: string | pg.Pool, timeoutMs: number): Promise<Connection> {
  if (typeof target !== "string") {
    const client = await target.connect();
    const connection: Connection = {
      client,
      broken: false,
      release: async () => client.release(connection.broken),
    };
    return connection;
  }
  const client = new pg.Client({
    connectionString: target,
    connectionTimeoutMillis: timeoutMs,
  });
  // A dropped connection also fails the query in flight; without a listener it would crash us.
  client.on("error", () => undefined);
  await client.connect().catch(async (e: unknown) => {
    await client.end().catch(() => undefined);
    throw e;
  });
  return { client, broken: false, release: () => client.end().catch(() => undefined) };
}

async function lock(client: pg.ClientBase, lockName: string, timeoutMs: number): Promise<void> {
  // lock_timeout bounds the wait for the advisory lock; reset it so migrations' own DDL waits
  // as long as it needs to.
  await client.query("select set_config('lock_timeout', $1, false)", [`${timeoutMs}ms`]);
  await client.query(`select pg_advisory_lock(${lockKeySql})`, [lockName]);
  await client.query("reset lock_timeout");
}

async function countApplied(client: pg.ClientBase, journalTable: string): Promise<number> {
  const journal = `${journalSchema}.${journalTable}`;
  const { rows } = await client.query<{ exists: boolean }>(
    "select to_regclass($1) is not null as exists",
    [journal],
  );
  if (!rows[0]?.exists) return 0;
  const counted = await client.query<{ n: number }>(`select count(*)::int as n from ${journal}`);
  return counted.rows[0]?.n ?? 0;
}
