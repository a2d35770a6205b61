// How long `winky dev` and `winky emulators:start` take to be ready with a warm data dir (budget 3 s),
// against its floor: starting the same PostgreSQL cluster and a redis-server directly.
// Needs `npm run build` first.
import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const services = await import(path.join(repo, "packages/local-services/dist/index.js"));
const bin = path.join(repo, "packages/cli/bin/winky.js");
const ROUNDS = 5;

const cwd = await mkdtemp(path.join(tmpdir(), "winky-bench-"));
await chmod(cwd, 0o711);
try {
  await devReadyMs(cwd); // initialises the cluster: the cold start is not what we measure
  const dev = [];
  const floor = [];
  for (let i = 0; i < ROUNDS; i++) {
    dev.push(await devReadyMs(cwd));
    floor.push(await servicesReadyMs(cwd));
  }
  const d = median(dev);
  const f = median(floor);
  console.log(`winky dev, warm data dir, to ready: p50 ${d} ms (runs: ${dev.join(", ")})`);
  console.log(`peer: PostgreSQL + redis-server started directly: p50 ${f} ms`);
  console.log(
    `ratio winky dev / peer: ${(d / f).toFixed(2)}x; budget 3000 ms: ${d <= 3000 ? "within" : "OVER"}`,
  );
  const emulatorArgs = ["emulators:start", "--port", "39600"];
  await readyMs(cwd, emulatorArgs, "Emulator ready"); // the first start creates the project
  const emulator = [];
  for (let i = 0; i < ROUNDS; i++)
    emulator.push(await readyMs(cwd, emulatorArgs, "Emulator ready"));
  const e = median(emulator);
  console.log(
    `winky emulators:start, warm data dir, to ready: p50 ${e} ms (runs: ${emulator.join(", ")})`,
  );
  console.log(
    `ratio emulators:start / peer: ${(e / f).toFixed(2)}x; budget 3000 ms: ${e <= 3000 ? "within" : "OVER"}`,
  );
} finally {
  await rm(cwd, { recursive: true, force: true });
}

function devReadyMs(dir) {
  const args = [
    "dev",
    "--studio-port",
    "39300",
    "--runtime-port",
    "39400",
    "--orchestrator-port",
    "39500",
  ];
  return readyMs(dir, args, "is ready");
}

async function readyMs(dir, args, readyText) {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: dir,
    env: { ...process.env, DATABASE_URL: "", REDIS_URL: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (c) => (out += c) && out.includes(readyText) && resolve());
    exited.then((code) => reject(new Error(`winky dev exited ${code}: ${out}`)));
  });
  const ms = Math.round(performance.now() - started);
  child.kill("SIGINT");
  await exited;
  return ms;
}

async function servicesReadyMs(dir) {
  const started = performance.now();
  const [pg, redis] = await Promise.all([
    services.startEmbeddedPostgres({ dataDir: path.join(dir, ".winky", "postgres") }),
    services.startRedisServer(),
  ]);
  const ms = Math.round(performance.now() - started);
  await Promise.all([pg.stop(), redis.stop()]);
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
