import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runJob } from "@winky/sandbox";
import type Dockerode from "dockerode";
import type { CheckReport } from "../pipeline/state.js";
import {
  CHECK_DIR,
  parseSteps,
  SMOKE_BASE_URL,
  SMOKE_RUNTIME_PORT,
  SMOKE_RUNTIME_URL,
  smokeConfig,
  smokeScript,
  testScript,
} from "./check-scripts.js";
import { GATEWAY_KEY_PLACEHOLDER, startRuntimeGateway } from "./runtime-gateway.js";
import { scenarioShots, smokeReport } from "./smoke-report.js";
import { keepScreenshots } from "./smoke-screenshots.js";
import { testReport } from "./test-report.js";
import {
  readIfPresent,
  readSite,
  removeWorkspace,
  writeAppWorkspace,
  writeSite,
  type SiteFiles,
} from "./workspace-files.js";

/** What both checks take. */
export interface AppCheckOptions {
  docker: Dockerode;
  /** `winky/sandbox-builder:<tag>` (`resolveImages().builderImage` in sandbox-images). */
  image: string;
  /** The app, path → text (the coder's output). */
  files: Readonly<Record<string, string>>;
  /** The whole job's limit (default 5 min). */
  timeoutMs?: number;
  memoryMb?: number;
  cpus?: number;
  signal?: AbortSignal;
}

export interface TestAppOptions extends AppCheckOptions {
  /**
   * Build-time settings of the `dist/` returned (`VITE_WINKY_URL`, `VITE_WINKY_PROJECT`); e.g.
   * {@link smokeBuildEnv} to hand it to {@link smokeApp}. Not secret: jobs' env is inspectable.
   */
  buildEnv?: Record<string, string>;
}

export interface TestAppResult {
  report: CheckReport;
  /** `dist/` as the build left it (empty when the build failed), ready for a deploy. */
  dist: SiteFiles;
}

export interface SmokeAppOptions extends AppCheckOptions {
  /** A `dist/` built with {@link smokeBuildEnv}`(project)`; without it the job builds one. */
  dist?: SiteFiles;
  /** The runtime's URL on this machine; the job reaches it through a gateway only. */
  runtimeUrl: string;
  /** The run's fresh project, already deployed (rules, indexes, settings, functions). */
  project: string;
  /** The project's service key: the gateway uses it for the mailbox; the job never sees it. */
  serviceKey: string;
  /**
   * Where the job's workspace comes back to (the caller keeps it: screenshots). Without it, a
   * temp dir is used, kept when the smoke failed, removed when it passed.
   */
  workspace?: string;
  /**
   * Where to keep a screenshot of every scenario (copied out of the workspace, which may be
   * removed, as `<scenario-slug>-<n>.png`); the report's `details.screenshots` lists them.
   * Without it none are kept.
   */
  screenshotsDir?: string;
}

const DEFAULTS = { timeoutMs: 300_000, memoryMb: 3072, cpus: 2 };

/** What an app must be built with to be smoke-tested in the job. */
export function smokeBuildEnv(project: string): Record<string, string> {
  return { VITE_WINKY_URL: SMOKE_RUNTIME_URL, VITE_WINKY_PROJECT: project };
}

function jobLimits(options: AppCheckOptions) {
  return {
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    memoryMb: options.memoryMb ?? DEFAULTS.memoryMb,
    cpus: options.cpus ?? DEFAULTS.cpus,
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

async function readLogs(workspace: string, names: string[]) {
  const logs: Record<string, string | undefined> = {};
  for (const name of names) {
    logs[name] = await readIfPresent(path.join(workspace, CHECK_DIR, `${name}.log`));
  }
  return logs;
}

/**
 * The `test` check: in one fresh job with no network, links the baked dependencies, then
 * `tsc --noEmit` (the app's config and the node one), `vite build` and `vitest run`, all of
 * them whatever the others did. Resolves with a report for any failure of the app's; rejects
 * only when the job cannot run (`SandboxError`: no engine, no image) or is aborted.
 *
 * @throws Error naming a file path that is not a plain relative path inside the app.
 */
export async function testApp(options: TestAppOptions): Promise<TestAppResult> {
  const limits = jobLimits(options);
  const workspace = await writeAppWorkspace(options.files, { label: "test" });
  try {
    const job = await runJob(options.docker, {
      image: options.image,
      workspace,
      command: ["sh", "-c", testScript()],
      env: { CI: "1", NO_COLOR: "1", FORCE_COLOR: "0", ...options.buildEnv },
      ...limits,
    });
    const steps = parseSteps(await readIfPresent(path.join(workspace, CHECK_DIR, "steps")));
    const logs = await readLogs(workspace, ["link", "tsc-app", "tsc-node", "build", "vitest"]);
    const vitestJson = await readIfPresent(path.join(workspace, CHECK_DIR, "vitest.json"));
    const report = testReport({ job, steps, logs, vitestJson }, limits);
    const built = steps.some((s) => s.name === "build" && s.exitCode === 0);
    return { report, dist: built ? await readSite(path.join(workspace, "dist")) : new Map() };
  } finally {
    await removeWorkspace(workspace);
  }
}

/**
 * The `smoke` check, the gate before approval: in one fresh job whose only way out is a
 * gateway to the run's project, serves the built app with `vite preview` on 127.0.0.1:5173
 * (building it first when no `dist` is given) and runs the app's Playwright spec in Debian's
 * Chromium. `WINKY_SERVICE_KEY` in the job is a placeholder the gateway swaps for the real key
 * on the admin calls it allows (the dev mailbox, test roles).
 *
 * @throws as {@link testApp}.
 */
export async function smokeApp(options: SmokeAppOptions): Promise<CheckReport> {
  const limits = jobLimits(options);
  const owned = options.workspace === undefined;
  const workspace = await writeAppWorkspace(options.files, {
    label: "smoke",
    ...(options.workspace ? { dir: options.workspace } : {}),
  });
  const socketDir = await mkdtemp(path.join(tmpdir(), "winky-gateway-"));
  let report: CheckReport | undefined;
  try {
    await mkdir(path.join(workspace, CHECK_DIR), { recursive: true });
    await writeFile(path.join(workspace, CHECK_DIR, "smoke.config.ts"), smokeConfig());
    if (options.dist && options.dist.size > 0)
      await writeSite(path.join(workspace, "dist"), options.dist);
    const gateway = await startRuntimeGateway({
      runtimeUrl: options.runtimeUrl,
      project: options.project,
      socketPath: path.join(socketDir, "runtime.sock"),
      serviceKey: options.serviceKey,
      publicHost: `127.0.0.1:${SMOKE_RUNTIME_PORT}`,
    });
    try {
      const job = await runJob(options.docker, {
        image: options.image,
        workspace,
        command: ["sh", "-c", smokeScript()],
        env: {
          CI: "1",
          NO_COLOR: "1",
          FORCE_COLOR: "0",
          BASE_URL: SMOKE_BASE_URL,
          WINKY_URL: SMOKE_RUNTIME_URL,
          WINKY_PROJECT: options.project,
          WINKY_SERVICE_KEY: GATEWAY_KEY_PLACEHOLDER,
          ...smokeBuildEnv(options.project),
        },
        services: [{ port: SMOKE_RUNTIME_PORT, socket: gateway.socketPath }],
        ...limits,
      });
      const steps = parseSteps(await readIfPresent(path.join(workspace, CHECK_DIR, "steps")));
      const logs = await readLogs(workspace, ["link", "build", "preview", "smoke"]);
      const smokeJson = await readIfPresent(path.join(workspace, CHECK_DIR, "smoke.json"));
      const screenshots = options.screenshotsDir
        ? await keepScreenshots(workspace, scenarioShots(smokeJson), options.screenshotsDir)
        : [];
      report = smokeReport(
        { job, steps, logs, smokeJson, workspace, screenshots, gateway: gateway.stats() },
        limits,
      );
      return report;
    } finally {
      await gateway.close();
    }
  } finally {
    await removeWorkspace(socketDir);
    if (owned && report?.ok !== false) await removeWorkspace(workspace);
  }
}
