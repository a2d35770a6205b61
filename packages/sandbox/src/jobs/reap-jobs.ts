import { readdir, rm } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import type Dockerode from "dockerode";
import { isProcessAlive } from "../core/workspace.js";
import { JOB_LABELS } from "./job-container-options.js";
import { JOB_PREFIX } from "./job-files.js";

/**
 * Removes what a crashed process left of its jobs: containers whose owner on this host no
 * longer runs (a job's timeout lives in the process that started it, so its container would
 * otherwise run on), and that process's temp dirs under `workDir` (default: the OS temp dir).
 * Call once at startup. Jobs of live processes and of other hosts are left alone.
 * @returns how many containers and temp dirs were removed.
 */
export async function reapJobs(
  docker: Dockerode,
  options: { workDir?: string } = {},
): Promise<{ containers: number; dirs: number }> {
  const found = await docker.listContainers({
    all: true,
    filters: { label: [`${JOB_LABELS.job}=1`] },
  });
  const here = hostname();
  let containers = 0;
  for (const info of found) {
    const match = /^(.*):(\d+)$/.exec(info.Labels[JOB_LABELS.owner] ?? "");
    const pid = Number(match?.[2]);
    if (!match || match[1] !== here || pid === process.pid || isProcessAlive(pid)) continue;
    await docker
      .getContainer(info.Id)
      .remove({ force: true })
      .then(() => (containers += 1))
      .catch(() => undefined);
  }
  const parent = options.workDir ?? tmpdir();
  const stale = new RegExp(`^${JOB_PREFIX}(\\d+)-`);
  let dirs = 0;
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    const pid = Number(stale.exec(name)?.[1]);
    if (!pid || pid === process.pid || isProcessAlive(pid)) continue;
    await rm(path.join(parent, name), { recursive: true, force: true });
    dirs += 1;
  }
  return { containers, dirs };
}
