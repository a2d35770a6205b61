import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import "./provided-context.js";

export interface TestDatabase {
  /** Connection URL of the fresh database. */
  url: string;
  name: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database on the run's PostgreSQL server, named after `label` plus a random
 * suffix, so test files never see each other's data and nothing needs wiping.
 */
export async function createTestDatabase(label = "test"): Promise<TestDatabase> {
  const adminUrl = inject("databaseUrl");
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .slice(0, 30);
  const name = `t_${slug}_${randomBytes(4).toString("hex")}`;
  await withAdmin(adminUrl, (c) => c.query(`create database "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      await withAdmin(adminUrl, async (c) => {
        // Connections a test just closed may still be on their way out: forcing the drop then
        // kills them, and their clients raise an error no one listens to any more. Give them
        // a moment (a test that leaks a connection is still dropped, by force).
        for (let i = 0; i < 40; i++) {
          const { rows } = await c.query<{ n: number }>(
            "select count(*)::int as n from pg_stat_activity where datname = $1",
            [name],
          );
          if (rows[0]!.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await c.query(`drop database if exists "${name}" with (force)`);
      });
    },
  };
}

/**
 * Registers beforeAll/afterAll hooks that create a fresh database for the calling test file
 * and drop it afterwards. Read `.url` inside tests or hooks, not at module load.
 */
export function useTestDatabase(label?: string): { readonly url: string; readonly name: string } {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(label);
  });
  afterAll(async () => {
    await db?.drop();
  });
  const current = () => {
    if (!db) throw new Error("useTestDatabase(): read the database inside a test or hook");
    return db;
  };
  return {
    get url() {
      return current().url;
    },
    get name() {
      return current().name;
    },
  };
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
