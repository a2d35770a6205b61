// A finished run with real checkpoints for the run view's suite: the real graph and run
// service, the offline engine's own plan, preview (wireframes in the data dir) and code, with
// scripted checks, commit and deploy in place of the sandbox, Git and the runtime. Built from
// @winky/orchestrator's public exports only (its own test beds are internal).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { AdminClient } from "@winky/admin-client";
import {
  buildPipeline,
  createCheckpointer,
  createOfflineSteps,
  PostgresRunLog,
  RunService,
  type CheckReport,
  type PipelineSteps,
  type PipelineStateType,
} from "@winky/orchestrator";
import Dockerode from "dockerode";
import type pg from "pg";

/** The file the repair round changes, the line it replaces, and the file it adds. */
export const CHANGED_FILE = "src/models/note.ts";
export const ADDED_FILE = "src/components/tag-filter.tsx";
export const DRAFT_LINE = "export const TAGS_SAVED = false;";
export const FIXED_LINE = "export const TAGS_SAVED = true;";
export const RULES_FINDING =
  "rules: notes are readable by any signed-in user, not only their owner";
/** The scripted smoke's scenarios: each "took" a screenshot, kept as the real smoke keeps it. */
export const SMOKE_SHOTS = [
  { name: "signs-up-1.png", scenario: "signs up", passed: true },
  { name: "notes-writes-a-note-2.png", scenario: "notes › writes a note", passed: true },
  { name: "notes-filters-by-tag-3.png", scenario: "notes › filters by tag", passed: true },
];
/** A 16×10 PNG, blue. */
const SCREENSHOT_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAABAAAAAKCAIAAAAy3EnLAAAAFElEQVR42mOwbvpGEmIY1TA0NQAAzZcP8Ge9UO0AAAAASUVORK5CYII=",
  "base64",
);

/** Writes the smoke's screenshots where the offline engine's smoke keeps them for the round. */
async function smoke(dataDir: string, state: PipelineStateType): Promise<CheckReport> {
  const dir = path.join(dataDir, "runs", state.runId, "smoke", `round-${state.round}`);
  await mkdir(dir, { recursive: true });
  for (const shot of SMOKE_SHOTS) await writeFile(path.join(dir, shot.name), SCREENSHOT_PNG);
  return {
    ok: true,
    summary: "3 smoke scenarios passed in Chromium",
    findings: [],
    passed: 3,
    failed: 0,
    details: { screenshots: SMOKE_SHOTS },
  };
}

/** Round 0 fails the review (one rules finding); round 1 passes everything. */
function review(state: PipelineStateType): CheckReport {
  const rules = state.round === 0 ? [RULES_FINDING] : [];
  const section = (findings: string[]) => ({ ok: findings.length === 0, findings });
  return {
    ok: rules.length === 0,
    summary: rules.length ? "review found 1 problem (rules 1)" : "review passed",
    findings: rules,
    details: { sections: { secrets: section([]), rules: section(rules), coverage: section([]) } },
  };
}

/**
 * The offline engine's plan, preview and code with scripted checks, commit and deploy: round 0's
 * code lacks {@link ADDED_FILE} and ends {@link CHANGED_FILE} in the draft line, and its review
 * fails on {@link RULES_FINDING}; round 1 passes everything.
 */
export function seededSteps(
  dataDir: string,
  written: Map<number, Record<string, string>>,
): PipelineSteps {
  // Nothing below reaches Docker or the runtime: only plan, preview and code are the engine's.
  const engine = createOfflineSteps({
    docker: new Dockerode(),
    builderImage: "not-used",
    admin: new AdminClient("http://127.0.0.1:9", "not-used"),
    operatorKey: "not-used",
    runtimeUrl: "http://127.0.0.1:9",
    siteUrl: (project) => `http://${project}.localhost`,
    dataDir,
  });
  const passed = (summary: string, n: number): CheckReport => ({
    ok: true,
    summary,
    findings: [],
    passed: n,
    failed: 0,
  });
  return {
    ...engine,
    async code(state, ctx) {
      const { files } = await engine.code(state, ctx);
      const changed = files[CHANGED_FILE];
      if (changed === undefined || files[ADDED_FILE] === undefined) {
        throw new Error(`the coder no longer writes ${CHANGED_FILE} and ${ADDED_FILE}`);
      }
      const { [ADDED_FILE]: _added, ...draft } = files;
      const out =
        state.round > 0
          ? { ...files, [CHANGED_FILE]: `${changed}\n${FIXED_LINE}\n` }
          : { ...draft, [CHANGED_FILE]: `${changed}\n${DRAFT_LINE}\n` };
      written.set(state.round, out);
      return { files: out };
    },
    test: async () => passed("12 tests passed", 12),
    review: async (state) => review(state),
    smoke: async (state) => smoke(dataDir, state),
    commit: async () => ({ repo: "/not-used", sha: "c0ffee".padEnd(40, "0") }),
    deploy: async (state) => ({
      project: state.appSlug ?? "app",
      url: `http://${state.appSlug}.localhost:4000`,
      version: 1,
    }),
  };
}

/**
 * A run of "a notes app with tags" for the team's new app `appSlug`, approved at both gates
 * and finished: two code rounds, committed and deployed. Answers the run and each round's files.
 */
export async function seedFinishedRun(
  pool: pg.Pool,
  options: { teamId: string; appSlug: string; dataDir: string },
): Promise<{ runId: string; rounds: Map<number, Record<string, string>> }> {
  const rounds = new Map<number, Record<string, string>>();
  const log = new PostgresRunLog(pool);
  const pipeline = buildPipeline(seededSteps(options.dataDir, rounds), {
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
  for (const [step, status] of [
    [() => service.start(runId), "awaiting_plan_approval"],
    [() => service.answer(runId, { approved: true, by: "ada" }), "awaiting_approval"],
    [() => service.answer(runId, { approved: true, by: "ada" }), "succeeded"],
  ] as const) {
    const reached = await step();
    if (reached.status !== status) throw new Error(`the run is ${reached.status}, not ${status}`);
  }
  return { runId, rounds };
}
