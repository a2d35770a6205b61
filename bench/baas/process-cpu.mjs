// CPU time of process trees from /proc (Linux): what the servers themselves spend per request,
// PostgreSQL's backends included, as opposed to throughput, which the shared machine skews.
import { readdir, readFile } from "node:fs/promises";

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux we run on

/** Seconds of user + system CPU used so far by `root` and every process below it. */
export async function treeCpuSeconds(root) {
  if (root === undefined) return NaN;
  const stats = new Map();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const text = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => undefined);
    if (!text) continue;
    // The command name may hold spaces and parentheses: fields start after the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    stats.set(Number(entry), {
      parent: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
    });
  }
  let ticks = 0;
  for (const [pid, stat] of stats) {
    for (let p = pid; p > 1 && stats.has(p); p = stats.get(p).parent) {
      if (p === root) {
        ticks += stat.ticks;
        break;
      }
    }
  }
  return ticks / TICKS_PER_SECOND;
}
