/**
 * What `winky dev` has started, stopped in reverse order: the apps before the servers they
 * use, Redis and PostgreSQL last, so nothing logs connection errors on the way down.
 */
export class StopStack {
  private readonly entries: Array<{ name: string; stop: () => Promise<void> }> = [];

  push(name: string, stop: () => Promise<void>): void {
    this.entries.push({ name, stop });
  }

  get size(): number {
    return this.entries.length;
  }

  /** Stops everything, continuing past failures, and reports each step through `say`. */
  async stopAll(say: (text: string) => void): Promise<void> {
    while (this.entries.length > 0) {
      const entry = this.entries.pop()!;
      say(`  stopping ${entry.name}…\n`);
      try {
        await entry.stop();
      } catch (e) {
        say(`  could not stop ${entry.name}: ${e instanceof Error ? e.message : String(e)}\n`);
      }
    }
  }
}
