// Prompt → deployed, tested app with the offline engine (budget 60 s per prompt): `winky new
// --yes --json` per acceptance prompt, on one data dir (its PostgreSQL cluster initialised by a
// first, unmeasured start). Peer, measured in the same runs: the run's own `test` node — typecheck,
// build and unit tests of the same app in a fresh sandbox container, the floor any generator that
// tests its output pays. Needs `npm run setup` (the builds and the sandbox images) and Docker.
import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(repo, "packages/cli/bin/winky.js");
const PROMPTS = [
  "A notes app with email login, markdown editor, tags, and images",
  "E-commerce prototype: products, cart, checkout, admin panel",
  "Chat app with rooms, messages, and push notifications",
];
const BUDGET_MS = 60_000;
const PORT = "39700";

const cwd = await mkdtemp(path.join(tmpdir(), "winky-bench-generate-"));
await chmod(cwd, 0o711);
let over = 0;
try {
  await winky(cwd, ["runs", "list"]); // initialises the cluster and migrates: not measured
  for (const prompt of PROMPTS) {
    const started = performance.now();
    const { code, out, err } = await winky(cwd, [
      "new",
      prompt,
      "--yes",
      "--json",
      "--runtime-port",
      PORT,
    ]);
    const wall = Math.round(performance.now() - started);
    if (code !== 0) {
      console.log(`${prompt}\n  FAILED (exit ${code}):\n${err.slice(-3000)}`);
      over += 1;
      continue;
    }
    const result = JSON.parse(out);
    const show = await winky(cwd, ["runs", "show", result.runId]);
    const nodes = [...show.out.matchAll(/✓ (\w+) \(([\d.]+) s\)/g)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    const testSeconds = nodes.find(([n]) => n === "test")?.[1] ?? NaN;
    console.log(`${prompt}`);
    console.log(
      `  winky new --yes: ${(wall / 1000).toFixed(1)} s wall (run ${(result.durationMs / 1000).toFixed(1)} s); ` +
        `${result.tests.passed} unit tests, ${result.smoke.passed} smoke scenarios passed; ${result.deploy.url}`,
    );
    console.log(`  nodes: ${nodes.map(([n, s]) => `${n} ${s.toFixed(1)} s`).join(", ")}`);
    console.log(
      `  peer (test node: typecheck, build, unit tests in a sandbox): ${testSeconds.toFixed(1)} s; ` +
        `ratio ${(wall / 1000 / testSeconds).toFixed(2)}x; budget ${BUDGET_MS / 1000} s: ${wall <= BUDGET_MS ? "within" : "OVER"}`,
    );
    if (wall > BUDGET_MS) over += 1;
  }
} finally {
  await rm(cwd, { recursive: true, force: true });
}
console.log(`${PROMPTS.length - over} of ${PROMPTS.length} prompts within the budget`);

function winky(dir, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: "", REDIS_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (err += c));
    child.once("close", (code) => resolve({ code, out, err }));
  });
}
