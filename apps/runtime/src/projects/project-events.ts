import type pg from "pg";

/** The PostgreSQL channel on which runtime processes announce a project's changed settings. */
export const PROJECTS_CHANNEL = "winky_projects";

/** "Every project": after the listening connection dropped, changes may have been missed. */
export const ALL_PROJECTS = "";

/**
 * Announces that a project's settings (config, rules, indexes) changed, so every process drops
 * what it cached: this process at once, the others when PostgreSQL delivers the notification
 * (the `ChangeFeed` listens on `PROJECTS_CHANNEL` and calls `emit`).
 */
export class ProjectEvents {
  private readonly handlers = new Set<(projectId: string) => void>();

  constructor(private readonly pool?: pg.Pool) {}

  subscribe(handler: (projectId: string) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** Call after the change committed. */
  async changed(projectId: string): Promise<void> {
    this.emit(projectId);
    await this.pool?.query("select pg_notify($1, $2)", [PROJECTS_CHANNEL, projectId]);
  }

  emit(projectId: string): void {
    for (const handler of this.handlers) handler(projectId);
  }
}

/**
 * Values per project, kept until the project changes (or, as a backstop against a lost
 * notification, for `maxAgeMs`), at most `capacity` projects, least recently used first out.
 */
export class ProjectCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; expires: number }>();

  constructor(
    events: ProjectEvents,
    private readonly maxAgeMs = 30_000,
    private readonly capacity = 10_000,
  ) {
    events.subscribe((projectId) => {
      if (projectId === ALL_PROJECTS) this.entries.clear();
      else this.entries.delete(projectId);
    });
  }

  /** The cached value, or `load`'s (shared by concurrent callers; a failure is not kept). */
  get(projectId: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const entry = this.entries.get(projectId);
    this.entries.delete(projectId);
    if (entry && entry.expires > now) {
      this.entries.set(projectId, entry);
      return entry.value;
    }
    const value = load();
    const fresh = { value, expires: now + this.maxAgeMs };
    this.entries.set(projectId, fresh);
    value.catch(() => {
      if (this.entries.get(projectId) === fresh) this.entries.delete(projectId);
    });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
