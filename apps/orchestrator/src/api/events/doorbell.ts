/**
 * Wakes one waiter when something happened since it last looked. A ring while nobody waits is
 * remembered, so a notification arriving between "read the table" and "wait" is never lost.
 */
export class Doorbell {
  private rung = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  /** Something happened: wake the waiter, or the next one. */
  ring(): void {
    this.rung = true;
    this.wake?.();
  }

  /** Nothing more can be heard: the waiter, now or next, rejects with `error`. */
  fail(error: Error): void {
    this.failure = error;
    this.wake?.();
  }

  /**
   * Resolves at the next ring (at once if one came since the last wait), after `timeoutMs`, or
   * when `signal` aborts. @throws the error given to {@link fail}.
   */
  async wait(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (!this.rung && !this.failure && !signal?.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          this.wake = undefined;
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        signal?.addEventListener("abort", done, { once: true });
        this.wake = done;
      });
    }
    if (this.failure) throw this.failure;
    this.rung = false;
  }
}
