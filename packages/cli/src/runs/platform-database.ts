import path from "node:path";
import { mkdir } from "node:fs/promises";
import { migrate } from "@winky/db";
import { assertPostgresReachable, startEmbeddedPostgres } from "@winky/local-services";
import pg from "pg";
import type { DevOptions } from "../dev/dev-options.js";
import { findRunningStack } from "./stack-file.js";

/**
 * Runs `work` on the platform database alone (what reading runs needs): a running `winky dev`'s,
 * DATABASE_URL, or the data dir's embedded cluster started for the while.
 */
export async function withPlatformDatabase<T>(
  options: DevOptions,
  work: (pool: pg.Pool) => Promise<T>,
): Promise<T> {
  const running = await findRunningStack(options.dataDir);
  let url = running?.databaseUrl ?? options.databaseUrl;
  let stop: (() => Promise<void>) | undefined;
  if (url && !running) await assertPostgresReachable(url, "DATABASE_URL");
  if (!url) {
    const logDir = path.join(options.dataDir, "logs");
    await mkdir(logDir, { recursive: true });
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(options.dataDir, "postgres"),
      logFile: path.join(logDir, "postgres.log"),
    });
    url = postgres.url;
    stop = postgres.stop;
  }
  try {
    await migrate(url);
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      return await work(pool);
    } finally {
      await pool.end();
    }
  } finally {
    await stop?.();
  }
}
