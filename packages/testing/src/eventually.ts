/**
 * Runs `check` until it stops throwing (an `expect` that holds) or `timeoutMs` passes, then
 * resolves its result or rethrows its last failure. For what happens asynchronously elsewhere
 * (another process, a queue, a notification); the deadline only bounds a failing test.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 25 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
