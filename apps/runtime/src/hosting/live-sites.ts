import { ProjectCache, type ProjectEvents } from "../projects/project-events.js";
import { compileGlob, matchesGlob, type Glob } from "./glob.js";
import type { HostingConfig } from "./hosting-config.js";
import type { HostingStore } from "./hosting-store.js";

/** A served file: what the manifest says of it. */
export interface SiteFile {
  hash: string;
  size: number;
}

/** A project's live version, ready to answer requests. */
export interface LiveSite {
  version: number;
  files: ReadonlyMap<string, SiteFile>;
  config: HostingConfig;
  /** `config.headers`, compiled, in order. */
  rules: readonly { glob: Glob; headers: Readonly<Record<string, string>> }[];
}

/**
 * Sites kept in memory: at most this many projects (a manifest of a few hundred files weighs
 * tens of kilobytes; the largest allowed, a few megabytes).
 */
const CAPACITY = 1_000;

/**
 * Each project's live site, cached per process until a release changes it: releases announce
 * themselves through `ProjectEvents` (this process at once, the others by `pg_notify` on
 * `winky_projects`), and every entry is reloaded after 30 s anyway should a notification be lost.
 */
export class LiveSites {
  private readonly cache: ProjectCache<LiveSite | null>;

  constructor(
    private readonly store: HostingStore,
    events: ProjectEvents,
  ) {
    this.cache = new ProjectCache(events, undefined, CAPACITY);
  }

  /** The live site, or null before the project's first release. */
  get(projectId: string): Promise<LiveSite | null> {
    return this.cache.get(projectId, async () => {
      const live = await this.store.live(projectId);
      if (!live) return null;
      const files = new Map<string, SiteFile>();
      for (const [path, entry] of Object.entries(live.manifest)) {
        files.set(path, { hash: entry.hash, size: entry.size ?? 0 });
      }
      return {
        version: live.version,
        files,
        config: live.config,
        rules: live.config.headers.map((rule) => ({
          glob: compileGlob(rule.source),
          headers: rule.headers,
        })),
      };
    });
  }
}

/**
 * The config's headers for a request: every rule whose `source` matches the request's path or
 * the path of the file served (so a rule for `*.html` files reaches an app route answered with
 * `/index.html`), in order, later rules overriding earlier ones.
 */
export function ruleHeaders(
  site: LiveSite,
  requestPath: string,
  filePath: string,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const rule of site.rules) {
    if (matchesGlob(rule.glob, requestPath) || matchesGlob(rule.glob, filePath)) {
      Object.assign(headers, rule.headers);
    }
  }
  return headers;
}
