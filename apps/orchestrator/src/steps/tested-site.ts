import { createHash } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { SiteFiles } from "../checks/index.js";
import { readSite, writeSite } from "../checks/workspace-files.js";

/**
 * The site the `test` step built, kept in the run's directory so the deploy ships exactly the
 * build that was type-checked and unit-tested (and saves a second build). It is found again only
 * for the same files and build settings; after a repair round or a changed setting the deploy
 * builds afresh. On disk, so a resumed run finds it too.
 */
export class TestedSites {
  constructor(private readonly runsDir: string) {}

  async save(
    runId: string,
    files: Readonly<Record<string, string>>,
    buildEnv: Readonly<Record<string, string>>,
    site: SiteFiles,
  ): Promise<void> {
    const dir = this.dirOf(runId);
    await rm(dir, { recursive: true, force: true });
    await writeSite(path.join(dir, "dist"), site);
    // The key last: a crash half-way leaves no key, so a half-written site is never used.
    await writeFile(path.join(dir, "key"), keyOf(files, buildEnv));
  }

  async find(
    runId: string,
    files: Readonly<Record<string, string>>,
    buildEnv: Readonly<Record<string, string>>,
  ): Promise<SiteFiles | undefined> {
    const dir = this.dirOf(runId);
    const key = await readFile(path.join(dir, "key"), "utf8").catch(() => undefined);
    if (key !== keyOf(files, buildEnv)) return undefined;
    const site = await readSite(path.join(dir, "dist"));
    return site.size > 0 ? site : undefined;
  }

  private dirOf(runId: string): string {
    if (!/^[0-9a-zA-Z-]+$/.test(runId)) throw new Error(`not a run id: ${runId}`);
    return path.join(this.runsDir, runId, "tested-site");
  }
}

/** sha256 over the files (sorted by path) and the build settings. */
function keyOf(
  files: Readonly<Record<string, string>>,
  buildEnv: Readonly<Record<string, string>>,
): string {
  const hash = createHash("sha256");
  const sorted = (o: Readonly<Record<string, string>>) =>
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]);
  hash.update(JSON.stringify([sorted(files), sorted(buildEnv)]));
  return hash.digest("hex");
}
