// Functions: cold start (a new container) and warm-pool invocation of a Node hello-world through
// DockerSandbox, p50/p99 over 50 runs each. Budget (shared architecture document): cold
// <= 250 ms p50, warm <= 10 ms p50. Peers in the same run: `docker run --rm` through the docker
// CLI (the naive cold path) and a bare local node process answering over a pipe (the warm
// floor). BubblewrapSandbox's figures follow where bwrap works, for comparison only.
// Options: --runs N (default 50). Exits non-zero only when an invocation or the harness fails;
// a budget miss is reported. Needs `npm run build` first.
import { execFile } from "node:child_process";
import { loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Dockerode from "dockerode";
import { dockerRunOnce, startBareNode } from "./functions/peers.mjs";
import { line, percentiles } from "./functions/stats.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { DockerSandbox, BubblewrapSandbox, probeBubblewrap } = await import(
  path.join(repo, "packages/sandbox/dist/index.js")
);
const services = await import(path.join(repo, "packages/local-services/dist/index.js"));
const { IMAGES_DIR, resolveImages } = await import(path.join(repo, "sandbox-images/image-tag.mjs"));

const exec = promisify(execFile);
const flag = process.argv.indexOf("--runs");
const RUNS = flag > 0 ? Number(process.argv[flag + 1]) : 50;
const WARM_UP = 10;
const BUDGET = { coldMs: 250, warmMs: 10 };
const HELLO = {
  id: "hello",
  bundle: `export default (event) => ({ hello: event.name });`,
  env: {},
  memoryMb: 128,
  cpus: 1,
  timeoutMs: 10_000,
};
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

/** Times one invocation and checks its answer, so a failing sandbox cannot look fast. */
async function timedInvoke(sandbox, fn, expectCold) {
  const started = performance.now();
  const result = await sandbox.invoke(fn, { name: "bench" });
  const ms = performance.now() - started;
  if (!result.ok || result.result?.hello !== "bench") {
    throw new Error(`invocation failed: ${JSON.stringify(result)}`);
  }
  if (result.coldStart !== expectCold) {
    throw new Error(`expected coldStart ${expectCold}, got ${result.coldStart}`);
  }
  return ms;
}

/** Each run deploys a new version, so its first invocation starts a new sandbox. */
async function coldStarts(sandbox, runs) {
  const samples = [];
  for (let i = -1; i < runs; i++) {
    const fn = { ...HELLO, version: `cold-${i + 1}` };
    await sandbox.prepare(fn);
    const ms = await timedInvoke(sandbox, fn, true);
    if (i >= 0) samples.push(ms); // the first run warms caches (workspace, image layers)
    await sandbox.drain(fn);
  }
  return samples;
}

async function warmInvocations(sandbox, runs) {
  const fn = { ...HELLO, version: "warm" };
  await sandbox.prepare(fn);
  await timedInvoke(sandbox, fn, true);
  for (let i = 0; i < WARM_UP; i++) await timedInvoke(sandbox, fn, false);
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await timedInvoke(sandbox, fn, false));
  await sandbox.drain(fn);
  return samples;
}

async function peerWarm(runs) {
  const node = await startBareNode();
  try {
    for (let i = 0; i < WARM_UP; i++) await node.call({ name: "bench" });
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await node.call({ name: "bench" });
      samples.push(performance.now() - started);
    }
    return samples;
  } finally {
    await node.close();
  }
}

function verdict(label, ours, peer, budgetMs) {
  const p50 = percentiles(ours).p50;
  const pass = p50 <= budgetMs;
  console.log(
    `ratio ${label}/peer (p50): ${(p50 / percentiles(peer).p50).toFixed(2)}x; ` +
      `budget <= ${budgetMs} ms p50: ${pass ? "PASS" : "FAIL"}`,
  );
  return pass ? [] : [`${label} p50 ${p50.toFixed(1)} ms > ${budgetMs} ms`];
}

const engine = await services.ensureDockerEngine();
if (!engine.available) {
  console.error(`no Docker engine: ${engine.detail}; start dockerd (as root) or set DOCKER_HOST`);
  process.exit(1);
}
const closers = [];
let exitCode = 0;
try {
  await exec(process.execPath, [path.join(IMAGES_DIR, "build.mjs"), "--require-engine"]);
  const { baseImage } = await resolveImages();
  console.log(`docker ${engine.detail}, image ${baseImage}, node ${process.version}`);
  console.log(`load average before: ${load()} (other work on this machine skews every figure)`);

  const docker = new DockerSandbox({
    docker: new Dockerode(),
    image: baseImage,
    pool: { idleMs: 60_000, maxPerVersion: 1 },
  });
  closers.push(() => docker.close());
  const cold = await coldStarts(docker, RUNS);
  const peerCold = [];
  for (let i = 0; i < RUNS; i++) peerCold.push(await dockerRunOnce(baseImage));
  console.log(line("DockerSandbox cold start (new container, first invocation)", cold));
  console.log(line("peer: docker run --rm --network none <image> node -e (docker CLI)", peerCold));
  const misses = verdict("cold", cold, peerCold, BUDGET.coldMs);

  const warm = await warmInvocations(docker, RUNS);
  const peerHot = await peerWarm(RUNS);
  console.log(line("DockerSandbox warm-pool invocation", warm));
  console.log(line("peer: bare local node, one JSON line over a pipe", peerHot));
  misses.push(...verdict("warm", warm, peerHot, BUDGET.warmMs));

  const bwrap = await probeBubblewrap();
  if (bwrap.available) {
    const sandbox = new BubblewrapSandbox({ pool: { idleMs: 60_000, maxPerVersion: 1 } });
    closers.push(() => sandbox.close());
    console.log(
      line(
        "BubblewrapSandbox cold start (new process; no budget)",
        await coldStarts(sandbox, RUNS),
      ),
    );
    console.log(
      line(
        "BubblewrapSandbox warm-pool invocation (no budget)",
        await warmInvocations(sandbox, RUNS),
      ),
    );
  } else {
    console.log(`BubblewrapSandbox: not measured (${bwrap.detail})`);
  }
  console.log(`load average after: ${load()}`);
  console.log(`\nbudget: ${misses.length === 0 ? "PASS" : `FAIL (${misses.join(", ")})`}`);
} catch (error) {
  console.error(`functions bench failed: ${error instanceof Error ? error.stack : error}`);
  exitCode = 1;
} finally {
  for (const close of closers.reverse()) await close().catch((e) => console.error(e));
  if (engine.startedByUs) await engine.stop();
}
process.exit(exitCode);
