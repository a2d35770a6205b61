// Runs with real checkpoints for the artifacts API's tests: the real graph, planner, preview
// and coder (plan, preview and code are the offline engine's own steps), with scripted checks,
// commit and deploy in place of the sandbox, Git and the runtime.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AdminClient } from "@winky/admin-client";
import type pg from "pg";
import { keepScreenshots } from "../checks/smoke-screenshots.js";
import { createCheckpointer } from "../pipeline/checkpointer.js";
import { buildPipeline } from "../pipeline/graph.js";
import type { CheckReport, PipelineStateType } from "../pipeline/state.js";
import type { PipelineSteps } from "../pipeline/steps.js";
import { PostgresRunLog } from "../runs/run-log.js";
import { RunService } from "../runs/run-service.js";
import { createPipelineSteps } from "../steps/pipeline-steps.js";

/** The file the repair round changes, the one it adds, and the line that changed. */
export const CHANGED_FILE = "src/models/note.ts";
export const ADDED_FILE = "src/components/tag-filter.tsx";
export const DRAFT_LINE = "export const TAGS_SAVED = false;";
export const FIXED_LINE = "export const TAGS_SAVED = true;";
export const RULES_FINDING =
  "rules: notes are readable by any signed-in user, not only their owner";
/** A 16×10 PNG, blue: what the scripted smoke "took" of each scenario. */
export const SCREENSHOT_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAABAAAAAKCAIAAAAy3EnLAAAAFElEQVR42mOwbvpGEmIY1TA0NQAAzZcP8Ge9UO0AAAAASUVORK5CYII=",
  "base64",
);
/** The scenarios of the scripted smoke, each with a screenshot. */
export const SMOKE_SCENARIOS = ["signs up", "notes › writes a note"];

/**
 * The scripted smoke's screenshots, kept as the real smoke keeps them: PNGs in a job's
 * workspace, copied by `keepScreenshots` into the round's folder the offline engine names.
 */
async function smokeScreenshots(dataDir: string, state: PipelineStateType) {
  const workspace = await mkdtemp(path.join(tmpdir(), "winky-bed-smoke-"));
  try {
    await mkdir(path.join(workspace, "results"));
    const shots = await Promise.all(
      SMOKE_SCENARIOS.map(async (scenario, i) => {
        await writeFile(path.join(workspace, "results", `${i}.png`), SCREENSHOT_PNG);
        return { path: `/workspace/results/${i}.png`, scenario, passed: true };
      }),
    );
    const dir = path.join(dataDir, "runs", state.runId, "smoke", `round-${state.round}`);
    return await keepScreenshots(workspace, shots, dir);
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
}

const notUsed = async (): Promise<never> => {
  throw new Error("not used by the artifacts tests");
};

const section = (findings: string[]) => ({ ok: findings.length === 0, findings });

/**
 * The offline engine's plan, preview and code, with round 0's code a draft (it lacks
 * {@link ADDED_FILE}, and {@link CHANGED_FILE} ends in {@link DRAFT_LINE}) that the review
 * fails; round 1 fixes both and every check passes.
 */
export function artifactsSteps(dataDir: string): PipelineSteps {
  const real = createPipelineSteps({
    dataDir,
    admin: new AdminClient("http://127.0.0.1:9", "not-used"),
    siteUrl: (project) => `http://${project}.localhost`,
    test: notUsed,
    review: notUsed,
    smoke: notUsed,
    buildSite: notUsed,
  });
  const review = (state: PipelineStateType): CheckReport => {
    const rules = state.round === 0 ? [RULES_FINDING] : [];
    return {
      ok: rules.length === 0,
      summary: rules.length ? "review found 1 problem (rules 1)" : "review passed",
      findings: rules,
      details: {
        sections: { secrets: section([]), rules: section(rules), coverage: section([]) },
      },
    };
  };
  return {
    plan: real.plan,
    preview: real.preview,
    async code(state, ctx) {
      const { files } = await real.code(state, ctx);
      const changed = files[CHANGED_FILE];
      if (changed === undefined || files[ADDED_FILE] === undefined) {
        throw new Error(`the coder no longer writes ${CHANGED_FILE} and ${ADDED_FILE}`);
      }
      if (state.round > 0)
        return { files: { ...files, [CHANGED_FILE]: `${changed}\n${FIXED_LINE}\n` } };
      const { [ADDED_FILE]: _added, ...draft } = files;
      return { files: { ...draft, [CHANGED_FILE]: `${changed}\n${DRAFT_LINE}\n` } };
    },
    test: async () => ({
      ok: true,
      summary: "12 tests passed",
      findings: [],
      passed: 12,
      failed: 0,
    }),
    review: async (state) => review(state),
    smoke: async (state) => ({
      ok: true,
      summary: "2 smoke scenarios passed in Chromium",
      findings: [],
      passed: 2,
      failed: 0,
      details: { screenshots: await smokeScreenshots(dataDir, state) },
    }),
    commit: async (state) => ({
      repo: path.join(dataDir, "repos", state.appSlug ?? "app"),
      sha: "c0ffee".padEnd(40, "0"),
    }),
    deploy: async (state) => ({
      project: state.appSlug ?? "app",
      url: `http://${state.appSlug}.localhost:4000`,
      version: 1,
    }),
  };
}

/**
 * A run of "a notes app with tags" for the team's app `appSlug`, moved through the real
 * {@link RunService}: to its plan approval (`until: "plan"`), or approved twice to the end
 * (two code rounds, committed and deployed).
 */
export async function seedArtifactsRun(
  pool: pg.Pool,
  options: { teamId: string; appSlug: string; dataDir: string; until: "plan" | "done" },
): Promise<string> {
  const log = new PostgresRunLog(pool);
  const pipeline = buildPipeline(artifactsSteps(options.dataDir), {
    log,
    checkpointer: await createCheckpointer(pool),
  });
  const service = new RunService(pool, pipeline, log);
  const runId = await service.create({
    teamId: options.teamId,
    appSlug: options.appSlug,
    appName: options.appSlug,
    prompt: "a notes app with tags",
    engine: "offline",
  });
  const expect = async (progress: Promise<{ status: string }>, status: string) => {
    const reached = await progress;
    if (reached.status !== status) throw new Error(`the run is ${reached.status}, not ${status}`);
  };
  await expect(service.start(runId), "awaiting_plan_approval");
  if (options.until === "plan") return runId;
  await expect(service.answer(runId, { approved: true, by: "ada" }), "awaiting_approval");
  await expect(service.answer(runId, { approved: true, by: "ada" }), "succeeded");
  return runId;
}
