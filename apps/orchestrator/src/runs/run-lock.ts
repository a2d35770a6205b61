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
  // A checked-out client has no pool listener: a dropped connection must not crash the
  // process. The lock went with it; the work finds out at its next query, and the client is
  // not given back to the pool.
  let broken: Error | undefined;
  const onError = (e: Error) => (broken = e);
  client.on("error", onError);
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      "select pg_try_advisory_lock(hashtextextended('winky-run:' || $1, 0)) as locked",
      [runId],
    );
    if (!rows[0]!.locked) throw new RunBusyError(runId);
    try {
      return await work();
    } finally {
      // A failed unlock must not hide the work's outcome: the connection is dropped instead,
      // which releases the lock.
      await client
        .query("select pg_advisory_unlock(hashtextextended('winky-run:' || $1, 0))", [runId])
        .catch((e: Error) => (broken ??= e));
    }
  } finally {
    client.off("error", onError);
    client.release(broken ?? false);
  }
}
