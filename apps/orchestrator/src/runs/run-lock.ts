import type pg from "pg";

/** Another process moves the run now; try again once it stops. */
export class RunBusyError extends Error {
  override readonly name = "RunBusyError";
  constructor(readonly runId: string) {
    super(`run ${runId} is being moved by another winky process; wait for it to stop`);
  }
}

/**
 * Runs `work` while this process holds the run (a PostgreSQL advisory lock on a connection of
 * its own): two processes — CLI or workers — never move one run at once, and a killed
 * holder's lock goes with its connection.
 *
 * @throws RunBusyError when another process holds it.
 */
export async function withRunLock<T>(
  pool: pg.Pool,
  runId: string,
  work: () => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      "select pg_try_advisory_lock(hashtextextended('winky-run:' || $1, 0)) as locked",
      [runId],
    );
    if (!rows[0]!.locked) throw new RunBusyError(runId);
    try {
      return await work();
    } finally {
      await client.query("select pg_advisory_unlock(hashtextextended('winky-run:' || $1, 0))", [
        runId,
      ]);
    }
  } finally {
    client.release();
  }
}
