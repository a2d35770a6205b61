/** One periodic cleanup: a name for the log and the work. */
export interface HousekeepingTask {
  name: string;
  run: () => Promise<unknown>;
}

/**
 * Runs every task once per `everyMs` (the first time after `everyMs`), one after the other so
 * they never pile up on the database; a failed task is logged by name and tried again next
 * time. Every runtime process runs them: the deletes are idempotent.
 *
 * @returns a function that stops the timer.
 */
export function startHousekeeping(
  tasks: readonly HousekeepingTask[],
  warn: (message: string) => void,
  everyMs = 3_600_000,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void (async () => {
      for (const task of tasks) {
        // The error may quote rows (tokens, mail): only the task's name goes to the log.
        await task.run().catch(() => warn(`housekeeping: ${task.name} failed; retrying later`));
      }
    })().finally(() => {
      running = false;
    });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
