import { invalidArgument, notFound, RuntimeError } from "../errors/runtime-error.js";
import type { ProjectEvents } from "../projects/project-events.js";
import type { VersionRequest } from "./hosting-config.js";
import type { HostingStore, Manifest, Release } from "./hosting-store.js";
import { sha256Hex, type SiteFiles } from "./site-files.js";
import { fileField } from "./site-paths.js";

/** How many missing paths a refused finalize lists. */
const SHOWN_MISSING = 50;

/**
 * Deploys: a version is created from a manifest (path → hash), its missing files are uploaded
 * by hash, it is finalized once the store has every file, and released. Each step either
 * completes or leaves nothing behind: checks come before writes, a file is written whole or not
 * at all, and a version row is written once its files were looked up.
 */
export class HostingService {
  constructor(
    private readonly store: HostingStore,
    private readonly files: SiteFiles,
    private readonly events: ProjectEvents,
  ) {}

  /** Creates the next version; `missing` lists the hashes to upload before finalizing. */
  async createVersion(
    projectId: string,
    request: VersionRequest,
  ): Promise<{ version: number; missing: string[]; createdAt: string }> {
    const present = await this.files.sizes(projectId, request.files.values());
    const missing = [...new Set(request.files.values())].filter((h) => !present.has(h)).sort();
    const manifest: Manifest = {};
    for (const [path, hash] of request.files) manifest[path] = { hash };
    const { version, createdAt } = await this.store.createVersion(
      projectId,
      manifest,
      request.config,
    );
    return { version, missing, createdAt };
  }

  /**
   * Stores one file after checking that `bytes` hash to `hash`.
   *
   * @throws RuntimeError invalid-argument when they do not (nothing is stored).
   */
  async upload(
    projectId: string,
    hash: string,
    bytes: Buffer,
  ): Promise<{ hash: string; size: number; stored: boolean }> {
    const actual = sha256Hex(bytes);
    if (actual !== hash) {
      throw invalidArgument(
        `body: its SHA-256 is ${actual}, not the ${hash} the URL names (${bytes.length} bytes received)`,
        { field: "body", expected: hash, actual, size: bytes.length },
      );
    }
    const { stored } = await this.files.put(projectId, hash, bytes);
    return { hash, size: bytes.length, stored };
  }

  /**
   * Freezes a version once the store holds every file it names. Finalizing a finalized version
   * again answers it unchanged, so a deploy tool may retry.
   *
   * @throws RuntimeError not-found for an unknown version; failed-precondition naming the paths
   *   whose files are missing (`details.missing`, `details.missingCount`).
   */
  async finalize(projectId: string, version: number): Promise<{ version: number }> {
    const stored = await this.store.version(projectId, version);
    if (!stored) throw noSuchVersion(projectId, version);
    if (stored.status === "finalized") return { version };
    const sizes = await this.files.sizes(
      projectId,
      Object.values(stored.manifest).map((e) => e.hash),
    );
    const missing = Object.entries(stored.manifest)
      .filter(([, entry]) => !sizes.has(entry.hash))
      .map(([path]) => path)
      .sort();
    if (missing.length > 0) {
      const shown = missing.slice(0, SHOWN_MISSING);
      const more =
        missing.length > shown.length ? `, and ${missing.length - shown.length} more` : "";
      throw new RuntimeError(
        "failed-precondition",
        `version ${version} cannot be finalized: ${missing.length} file(s) not uploaded: ` +
          `${shown.map(fileField).join(", ")}${more}`,
        { reason: "missing-files", missing: shown, missingCount: missing.length },
      );
    }
    const manifest: Manifest = {};
    for (const [path, { hash }] of Object.entries(stored.manifest)) {
      manifest[path] = { hash, size: sizes.get(hash)! };
    }
    // False only when a concurrent request finalized it first: the same outcome.
    await this.store.finalize(projectId, version, manifest);
    return { version };
  }

  /**
   * Makes a finalized version live (a rollback is releasing an older one) and drops every
   * process's cached site, this one's at once.
   *
   * @throws RuntimeError not-found for an unknown version; failed-precondition for one not
   *   finalized yet.
   */
  async release(projectId: string, version: number): Promise<Release> {
    const released = await this.store.release(projectId, version);
    if (released === "no-such-version") throw noSuchVersion(projectId, version);
    if (released === "not-finalized") {
      throw new RuntimeError(
        "failed-precondition",
        `version ${version} is not finalized: upload its missing files and finalize it first`,
        { reason: "not-finalized" },
      );
    }
    await this.events.changed(projectId);
    return released;
  }
}

function noSuchVersion(projectId: string, version: number): RuntimeError {
  return notFound(`project '${projectId}' has no hosting version ${version}`, {
    reason: "no-such-version",
  });
}
