// The peers of bench/functions.bench.mjs: what a container, and a warm round trip, cost with
// nothing of ours in the way.
import { execFile, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";

const exec = promisify(execFile);

/**
 * The naive cold path: `docker run --rm --network none <image> node -e …` through the docker
 * CLI, one fresh container per call, timed until it has printed its answer and is removed.
 */
export async function dockerRunOnce(image) {
  const started = performance.now();
  const { stdout } = await exec("docker", [
    "run",
    "--rm",
    "--network",
    "none",
    "--label",
    "winky.sandbox.bench=peer",
    image,
    "node",
    "-e",
    'console.log(JSON.stringify({ hello: "world" }))',
  ]);
  const ms = performance.now() - started;
  if (!stdout.includes('"hello":"world"')) throw new Error(`docker run answered ${stdout}`);
  return ms;
}

/**
 * The warm floor: a bare local node process (no container, no sandbox) answering one JSON
 * line per request on its stdin/stdout. Returns `call()` and `close()`.
 */
export async function startBareNode() {
  const child = spawn(
    process.execPath,
    [
      "-e",
      `require("readline").createInterface({ input: process.stdin }).on("line", (line) => {
         const event = JSON.parse(line);
         process.stdout.write(JSON.stringify({ hello: event.name }) + "\\n");
       });`,
    ],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on("line", (line) => waiting.shift()?.(line));
  return {
    call(event) {
      return new Promise((resolve) => {
        waiting.push(resolve);
        child.stdin.write(`${JSON.stringify(event)}\n`);
      });
    },
    close() {
      child.stdin.end();
      return new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
