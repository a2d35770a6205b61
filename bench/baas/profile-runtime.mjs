// `--profile`: the runtime alone, one process with `--cpu-prof`, restarted for each op so each
// profile holds one op; the boot and the warm-up are left out of the summary.
import { mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { summariseProfile } from "./cpu-profile.mjs";
import { runLoad } from "./load.mjs";

/**
 * Runs each of `ops` (`[name, run(i)]`, warm-up then `counts[name]` requests) against a
 * runtime started by `start(nodeArgs)`, and prints the figures and the profile's summary.
 */
export async function profileRuntime({ ops, start, dir, clients, counts, warmUp, cleanup }) {
  for (const [op, run] of ops) {
    const profileDir = path.join(dir, `profile-${op}`);
    await mkdir(profileDir);
    const spawned = Date.now();
    const runtime = await start(["--cpu-prof", `--cpu-prof-dir=${profileDir}`]);
    cleanup.push(`profiled runtime (${op})`, runtime.stop);
    await runLoad({ clients, total: warmUp[op], op: run });
    const skipMs = Date.now() - spawned;
    const figures = await runLoad({ clients, total: counts[op], op: (i) => run(warmUp[op] + i) });
    await runtime.stop(); // the profile is written on a clean exit
    console.log(
      `\nprofile of the runtime (1 process, --cpu-prof) on ${op}: ` +
        `${Math.round(figures.perSecond)} req/s, ${figures.errors} errors`,
    );
    for (const file of await readdir(profileDir)) {
      for (const line of await summariseProfile(path.join(profileDir, file), { skipMs })) {
        console.log(line);
      }
    }
  }
}
