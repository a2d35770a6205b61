// The runtime against Parse Server (npm `parse-server`, the peer in the shared BaaS survey) on
// the same PostgreSQL, in the same run: create, get by id, and a filtered + ordered query
// (status == X, order by score desc, limit 20, on ~3k rows) at 32 concurrent clients.
// Budget: at least 5x Parse Server's throughput on each op, runtime p99 <= 20 ms.
// Options: --processes N (each server as N processes, default 1; BENCH_PROCESSES too),
// --profile (then profiles the runtime alone on get, query and create with --cpu-prof), --scale F
// (multiplies every request count, e.g. 0.1 for a quick check of the harness).
// Exits non-zero only when a request fails or the harness does; a budget miss is reported.
// Needs `npm run build` first.
import { readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createCleanup, repo, services } from "./baas/children.mjs";
import { makeItem, statusFor } from "./baas/items.mjs";
import { createAgent, runLoad } from "./baas/load.mjs";
import { PARSE_INDEX, parseQueryPlan, startParse } from "./baas/parse-side.mjs";
import { treeCpuSeconds } from "./baas/process-cpu.mjs";
import { profileRuntime } from "./baas/profile-runtime.mjs";
import {
  runtimeBuildNote,
  runtimeOps,
  setUpRuntimeProject,
  startRuntime,
} from "./baas/runtime-side.mjs";

const CLIENTS = 32;
const LIMIT = 20;
const flag = (name) => process.argv.indexOf(name);
const option = (name, fallback) => (flag(name) > 0 ? process.argv[flag(name) + 1] : fallback);
const SCALE = Number(option("--scale", 1)); // e.g. 0.1 for a quick check of the harness
const scaled = (counts) =>
  Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Math.ceil(v * SCALE)]));
const COUNTS = scaled({ create: 3000, get: 3000, query: 1500 });
const WARM_UP = scaled({ create: 300, get: 500, query: 200 });
const BUDGET = { ratio: 5, p99Ms: 20 };
const PROCESSES = Number(option("--processes", process.env.BENCH_PROCESSES ?? 1));
const PROFILE = flag("--profile") > 0;
const version = (pkg) =>
  JSON.parse(readFileSync(path.join(repo, "node_modules", pkg, "package.json"), "utf8")).version;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

const cleanup = createCleanup();
let failures = 0;
try {
  const dir = await mkdtemp(path.join(tmpdir(), "winky-bench-baas-"));
  await chmod(dir, 0o711); // PostgreSQL runs as `postgres` when we are root
  cleanup.push("temp dir", () => rm(dir, { recursive: true, force: true }));
  const postgres = await services.startEmbeddedPostgres({
    dataDir: path.join(dir, "postgres"),
    ephemeral: true,
    logFile: path.join(dir, "postgres.log"),
  });
  cleanup.push("PostgreSQL", postgres.stop);
  const urlOf = (db) => postgres.url.replace(/\/postgres$/, `/${db}`);
  await sql(postgres.url, "CREATE DATABASE parse", "CREATE DATABASE runtime");

  const parseAgent = createAgent(CLIENTS);
  const parse = await startParse({
    databaseUrl: urlOf("parse"),
    port: await services.freePort(),
    dir,
    processes: PROCESSES,
    agent: parseAgent,
    createSchema: true,
  });
  cleanup.push("Parse Server", parse.stop);
  const runtimeAgent = createAgent(CLIENTS);
  const runtimePort = await services.freePort();
  const runtime = await startRuntime({
    databaseUrl: urlOf("runtime"),
    port: runtimePort,
    dir,
    processes: PROCESSES,
    agent: runtimeAgent,
  });
  cleanup.push("runtime", runtime.stop);
  const { idToken, indexNote } = await setUpRuntimeProject({
    agent: runtimeAgent,
    port: runtimePort,
    adminKey: runtime.adminKey,
  });

  const per = PROCESSES === 1 ? "1 process" : `${PROCESSES} processes (node:cluster)`;
  console.log(
    `setup: PostgreSQL ${postgres.majorVersion} (embedded, fsync off), one cluster, databases parse and runtime; ` +
      `each server ${per}; ${CLIENTS} keep-alive clients in this process; Node ${process.version}`,
  );
  console.log(
    `Parse Server ${version("parse-server")} (router ${version("router")}): public class Item created with the master key; ` +
      `requests carry the application id only (no session, no ACL beyond the public default); ` +
      `index added by hand: ${PARSE_INDEX}`,
  );
  console.log(
    `runtime: every request carries an end user's access token (a JWT, checked on every request) and passes rules ` +
      `'allow read, write: if request.auth != null'; firestore.indexes.json declares (status ASC, score DESC)`,
  );
  console.log(await runtimeBuildNote());
  console.log(indexNote);
  console.log(`load average before: ${load()} (other work on this machine skews every figure)`);

  const systems = [
    { name: "Parse Server", ops: parse.ops, created: [], pid: parse.child.pid },
    {
      name: "runtime",
      ops: runtimeOps(runtimeAgent, runtimePort, idToken),
      created: [],
      pid: runtime.child.pid,
    },
  ];
  const results = {};
  const measure = async (op, makeOp) => {
    results[op] = [];
    for (const system of systems) {
      const run = makeOp(system);
      const warm = await runLoad({ clients: CLIENTS, total: WARM_UP[op], op: run });
      const cpuBefore = [await treeCpuSeconds(system.pid), await treeCpuSeconds(postgres.pid)];
      const figures = await runLoad({
        clients: CLIENTS,
        total: COUNTS[op],
        op: (i) => run(WARM_UP[op] + i),
      });
      const cpuAfter = [await treeCpuSeconds(system.pid), await treeCpuSeconds(postgres.pid)];
      // CPU per request in µs: the server process, and PostgreSQL (all its backends).
      figures.serverCpuUs = ((cpuAfter[0] - cpuBefore[0]) * 1e6) / COUNTS[op];
      figures.postgresCpuUs = ((cpuAfter[1] - cpuBefore[1]) * 1e6) / COUNTS[op];
      figures.errors += warm.errors;
      figures.errorSamples = [...warm.errorSamples, ...figures.errorSamples].slice(0, 3);
      results[op].push({ system: system.name, ...figures });
    }
  };
  await measure("create", (system) => async (i) => {
    system.created.push({ id: await system.ops.create(makeItem(i)), i });
  });
  await sql(urlOf("parse"), "ANALYZE");
  await sql(urlOf("runtime"), "ANALYZE");
  // Both systems read the same sequence of items, by their own ids.
  const picks = pseudoRandomPicks(WARM_UP.get + COUNTS.get, WARM_UP.create + COUNTS.create);
  const getOp = (system) => {
    const byItem = new Map(system.created.map((c) => [c.i, c.id]));
    return (i) => system.ops.get(byItem.get(picks[i]), makeItem(picks[i]));
  };
  await measure("get", getOp);
  const queryOp = (system) => (i) => system.ops.query(statusFor(i), LIMIT);
  await measure("query", queryOp);
  const parsePlan = await parseQueryPlan(urlOf("parse"), statusFor(0));
  console.log(`load average after: ${load()}`);
  failures = report(results);
  console.log(`Parse's query plan: ${parsePlan}`);

  if (PROFILE) {
    await runtime.stop();
    await profileRuntime({
      ops: [
        ["get", getOp(systems[1])],
        ["query", queryOp(systems[1])],
        ["create", (i) => systems[1].ops.create(makeItem(WARM_UP.create + COUNTS.create + i))],
      ],
      start: (nodeArgs) =>
        startRuntime({
          databaseUrl: urlOf("runtime"),
          port: runtimePort,
          dir,
          processes: 1,
          agent: runtimeAgent,
          keys: runtime.keys,
          nodeArgs,
        }),
      dir,
      clients: CLIENTS,
      counts: COUNTS,
      warmUp: WARM_UP,
      cleanup,
    });
  }
} catch (e) {
  console.error(`baas bench failed: ${e instanceof Error ? e.stack : e}`);
  failures += 1;
} finally {
  await cleanup.run();
}
process.exit(failures === 0 ? 0 : 1);

/** Prints the figures, the ratios and the budget verdicts; returns the number of failed requests. */
function report(results) {
  const ms = (x) => `${x.toFixed(1).padStart(6)} ms`;
  let errors = 0;
  const misses = [];
  for (const [op, [peer, ours]] of Object.entries(results)) {
    console.log(
      `\n${op} x${COUNTS[op].toLocaleString("en")} (after ${WARM_UP[op]} warm-up), ${CLIENTS} clients:`,
    );
    for (const r of [peer, ours]) {
      errors += r.errors;
      console.log(
        `  ${r.system.padEnd(13)} ${Math.round(r.perSecond).toLocaleString("en").padStart(6)} req/s` +
          `  p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  p99 ${ms(r.p99)}  ${r.errors} errors` +
          `  (load generator ${Math.round(r.clientCpu)}% of a core)\n` +
          `                CPU per request: server ${Math.round(r.serverCpuUs)} µs, ` +
          `PostgreSQL ${Math.round(r.postgresCpuUs)} µs`,
      );
      for (const sample of r.errorSamples) console.log(`    error: ${sample}`);
    }
    const ratio = ours.perSecond / peer.perSecond;
    const fast = ratio >= BUDGET.ratio;
    const tail = ours.p99 <= BUDGET.p99Ms;
    if (!fast) misses.push(`${op} throughput`);
    if (!tail) misses.push(`${op} p99`);
    console.log(
      `  ratio runtime/Parse: ${ratio.toFixed(2)}x throughput (budget >=${BUDGET.ratio}x: ${fast ? "PASS" : "FAIL"}); ` +
        `runtime p99 ${ours.p99.toFixed(1)} ms (budget <=${BUDGET.p99Ms} ms: ${tail ? "PASS" : "FAIL"})`,
    );
  }
  console.log(
    `\nbudget: ${misses.length === 0 ? "PASS" : `FAIL (${misses.join(", ")})`}; ${errors} failed requests`,
  );
  return errors;
}

/** `n` item numbers in [0, range), the same on every run (mulberry32). */
function pseudoRandomPicks(n, range) {
  let seed = 0x9e3779b9;
  return Array.from({ length: n }, () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * range);
  });
}

async function sql(url, ...statements) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}
