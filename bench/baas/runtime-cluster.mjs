// `node bench/baas/runtime-cluster.mjs`: the runtime's built entry in BENCH_WORKERS processes
// sharing one port through node:cluster (the same mechanism Parse Server's `cluster` option
// uses), for the benchmark's multi-process configuration. Prints "runtime cluster ready" once
// every worker listens; SIGTERM/SIGINT stop every worker (each closes cleanly) and then exit.
import cluster from "node:cluster";
import path from "node:path";
import { fileURLToPath } from "node:url";

if (cluster.isPrimary) {
  const workers = Number(process.env.BENCH_WORKERS ?? 2);
  let listening = 0;
  let stopping = false;
  cluster.on("listening", () => {
    listening += 1;
    if (listening === workers) console.log("runtime cluster ready");
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`runtime worker ${worker.process.pid} died (${code ?? signal}); stopping`);
    stop();
  });
  const stop = () => {
    stopping = true;
    const alive = Object.values(cluster.workers ?? {});
    if (alive.length === 0) process.exit(0);
    for (const worker of alive) worker.process.kill("SIGTERM");
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  for (let i = 0; i < workers; i++) cluster.fork();
} else {
  const here = path.dirname(fileURLToPath(import.meta.url));
  await import(path.join(here, "../../apps/runtime/dist/main.js"));
}
