/**
 * The shell lines the check jobs run in `winky/sandbox-builder` (dash, no network). Each step's
 * output goes to its own file under `.winky-check/` and its exit status and duration to
 * `.winky-check/steps` ("<name> <status> <ms>" lines): the workspace comes back to the host,
 * which reads them there instead of untangling one stream.
 *
 * The commands are ours, not the app's `package.json` scripts: the gate must not be something
 * the generated code can redefine.
 */

/** The dir of the checks' own files in the job's workspace. */
export const CHECK_DIR = ".winky-check";
/** Where the job sees its workspace. */
export const JOB_WORKSPACE = "/workspace";
/** Inside a smoke job: the served app, and the runtime through the gateway. */
export const SMOKE_APP_PORT = 5173;
export const SMOKE_RUNTIME_PORT = 4000;
export const SMOKE_BASE_URL = `http://127.0.0.1:${SMOKE_APP_PORT}`;
export const SMOKE_RUNTIME_URL = `http://127.0.0.1:${SMOKE_RUNTIME_PORT}`;

const BIN = "node_modules/.bin";

const PRELUDE = [
  `R=${CHECK_DIR}`,
  `mkdir -p "$R"`,
  `now() { date +%s%3N; }`,
  // Runs a step with its output in $R/<name>.log; a failure does not stop the job.
  `step() { n=$1; shift; s=$(now); "$@" >"$R/$n.log" 2>&1; c=$?; ` +
    `echo "$n $c $(( $(now) - s ))" >>"$R/steps"; return $c; }`,
  `step link winky-link-app-deps || exit 70`,
];

/** Typecheck (the app's config, then the node one if any), build, unit tests: all run. */
export function testScript(): string {
  return [
    ...PRELUDE,
    `step tsc-app ${BIN}/tsc --noEmit --pretty false -p tsconfig.json`,
    `if [ -f tsconfig.node.json ]; then ` +
      `step tsc-node ${BIN}/tsc --noEmit --pretty false -p tsconfig.node.json; fi`,
    `step build ${BIN}/vite build --logLevel warn`,
    `step vitest ${BIN}/vitest run --reporter=json --outputFile="$R/vitest.json"`,
    `exit 0`,
  ].join("\n");
}

/** Waits for a TCP port on the job's loopback (the preview), up to 30 s. */
const WAIT_FOR_PORT =
  `const net = require("node:net"); const end = Date.now() + 30000;` +
  `const t = () => net.connect(${SMOKE_APP_PORT}, "127.0.0.1")` +
  `.on("connect", () => process.exit(0))` +
  `.on("error", () => Date.now() > end ? process.exit(1) : setTimeout(t, 100)); t();`;

/**
 * Builds unless `dist/` is there, serves it with `vite preview` on 127.0.0.1:5173, then runs
 * the app's Playwright spec through our config (`smokeConfig()`).
 */
export function smokeScript(): string {
  return [
    ...PRELUDE,
    `if [ ! -f dist/index.html ]; then step build ${BIN}/vite build --logLevel warn || exit 0; fi`,
    `${BIN}/vite preview --host 127.0.0.1 --port ${SMOKE_APP_PORT} --strictPort ` +
      `>"$R/preview.log" 2>&1 &`,
    `preview=$!`,
    `node -e '${WAIT_FOR_PORT}' || { echo "preview 1 0" >>"$R/steps"; kill $preview; exit 0; }`,
    `step smoke ${BIN}/playwright test --config "$R/smoke.config.ts" --workers 1`,
    `kill $preview 2>/dev/null`,
    `exit 0`,
  ].join("\n");
}

/**
 * Our Playwright config, written to `.winky-check/smoke.config.ts`: the app's own (its tests,
 * devices, `baseURL` from `BASE_URL`) with Debian's Chromium, no web server (the preview runs),
 * shorter action timeouts (a missing button fails in 15 s, not at the test's timeout), a JSON
 * report and a screenshot of every scenario (the run view shows them): one PNG of the page at
 * each test's end, ~30 KB for the coder's notes app, against seconds per scenario.
 */
export function smokeConfig(): string {
  const dir = `${JOB_WORKSPACE}/${CHECK_DIR}`;
  return `// Written by the orchestrator's smoke check.
import base from "../playwright.config.ts";
import path from "node:path";

const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--disable-dev-shm-usage"],
};
const use = (u = {}) => ({
  ...u,
  launchOptions: { ...(u.launchOptions ?? {}), ...launchOptions },
  trace: "off",
  video: "off",
  screenshot: "on",
  actionTimeout: 15_000,
  navigationTimeout: 20_000,
});

export default {
  ...base,
  testDir: path.resolve(${JSON.stringify(JOB_WORKSPACE)}, base.testDir ?? "."),
  webServer: undefined,
  retries: 0,
  workers: 1,
  outputDir: ${JSON.stringify(`${dir}/results`)},
  reporter: [["json", { outputFile: ${JSON.stringify(`${dir}/smoke.json`)} }], ["line"]],
  use: use(base.use),
  projects: (base.projects ?? [{ name: "chromium" }]).map((p) => ({ ...p, use: use(p.use) })),
};
`;
}

/** One line of `.winky-check/steps`. */
export interface StepRun {
  name: string;
  exitCode: number;
  ms: number;
}

export function parseSteps(text: string | undefined): StepRun[] {
  return (text ?? "")
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((parts) => parts.length === 3)
    .map(([name, code, ms]) => ({ name: name!, exitCode: Number(code), ms: Number(ms) }));
}
