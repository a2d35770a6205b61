import { previewSiteView, type PreviewSiteView } from "./run-artifacts-views.js";
import { z } from "zod";
import { badInput } from "../api-errors.js";
import { idInput } from "../pagination.js";
import { procedureFor } from "../trpc.js";
import { readWireframe, screensWithImages } from "./run-artifacts-screens.js";
import {
  readScreenshot,
  screenshotInput,
  screenshotsView,
  type ScreenshotView,
} from "./run-artifacts-screenshots.js";
import { codeRounds, filesAt, filesOf, latestState, roundOf } from "./run-artifacts-state.js";
import {
  planView,
  reportView,
  storedPreview,
  type PlanView,
  type PreviewView,
  type ReportView,
} from "./run-artifacts-views.js";

const runId = idInput("run");

/** A person's answer at one of the run's gates. */
export interface DecisionView {
  approved: boolean;
  by: string;
  comment: string | null;
}

/** What a run has produced so far, from its latest checkpoint; all empty before it has one. */
export interface RunArtifacts {
  /** The checkpoint read; null when the run has saved none yet. */
  checkpoint: { id: string; savedAt: string; step: number | null } | null;
  plan: PlanView | null;
  preview: PreviewView | null;
  /** The latest code round (0 for the first code), null before any code. */
  round: number | null;
  files: FileEntry[];
  reports: { test: ReportView | null; review: ReportView | null; smoke: SmokeReportView | null };
  decisions: { plan: DecisionView | null; release: DecisionView | null };
  commit: { sha: string; remote: string | null } | null;
  deployment: { project: string; url: string; version: number | null } | null;
  outcome: { status: string; reason: string | null } | null;
  /** The app on the run's own project (released while the smoke ran), or why there is none. */
  previewSite: PreviewSiteView | null;
}

/** The smoke's report and the screenshot it kept of each scenario (`runs.screenshot`). */
export type SmokeReportView = ReportView & { screenshots: ScreenshotView[] };

/** A file of the run's code and its size in bytes (UTF-8). */
export type FileEntry = { path: string; bytes: number };

/** How a file differs from the round before. */
export type FileChange = { path: string; change: "added" | "removed" | "changed" };

export interface RoundView {
  round: number;
  /** The round's files and their sizes, by path. */
  files: FileEntry[];
  /** The round compared with (the one before it), null for the first. */
  previous: number | null;
  changes: FileChange[];
  /** What the checks said of this round's code (a repair round follows a failed one). */
  reports: RunArtifacts["reports"];
}

const EMPTY: RunArtifacts = {
  checkpoint: null,
  plan: null,
  preview: null,
  round: null,
  files: [],
  reports: { test: null, review: null, smoke: null },
  decisions: { plan: null, release: null },
  commit: null,
  deployment: null,
  outcome: null,
  previewSite: null,
};

/** A run's artifacts, read-only from its checkpoints (viewer+; `runId` is checked by team). */
export const runArtifacts = {
  /** The plan, the preview, the reports, the code's file list, the commit and the deploy. */
  artifacts: procedureFor("viewer")
    .input(z.object({ runId }))
    .query(async ({ ctx, input }): Promise<RunArtifacts> => {
      const saved = await latestState(ctx.services.pool, input.runId);
      if (!saved) return EMPTY;
      const v = saved.values;
      const stored = storedPreview(v.previewData);
      const { dataDir } = ctx.services;
      const images = stored ? await screensWithImages(dataDir, input.runId, stored) : [];
      const files = filesOf(v) ?? {};
      return {
        checkpoint: { id: saved.checkpointId, savedAt: saved.savedAt, step: saved.step },
        plan: planView(v.appPlan),
        preview: stored && {
          screens: stored.screens.map(({ file: _file, ...screen }, index) => ({
            index,
            ...screen,
            image: images[index] ?? false,
          })),
          tree: stored.tree,
          assumptions: stored.assumptions,
          cost: stored.cost,
          imagesUnavailable: dataDir
            ? null
            : "the orchestrator was not given the workers' data dir (WINKY_DATA_DIR)",
        },
        round: roundOf(v),
        files: entriesOf(files),
        reports: reportsOf(v),
        decisions: { plan: decisionView(v.planDecision), release: decisionView(v.decision) },
        commit: commitView(v.commitInfo),
        deployment: deploymentView(v.deployment),
        outcome: outcomeView(v.outcome),
        previewSite: previewSiteView(v.smokeReport),
      };
    }),

  /** The code rounds the run has had, each with the files changed since the round before. */
  rounds: procedureFor("viewer")
    .input(z.object({ runId }))
    .query(async ({ ctx, input }): Promise<RoundView[]> => {
      const rounds = await codeRounds(ctx.services.pool, input.runId);
      return rounds.map(({ round, files, values }, i) => {
        const before = rounds[i - 1];
        return {
          round,
          files: entriesOf(files),
          previous: before?.round ?? null,
          changes: before ? changesBetween(before.files, files) : [],
          reports: reportsOf(values),
        };
      });
    }),

  /** One file's content, at the latest state or as code round `round` left it. */
  file: procedureFor("viewer")
    .input(
      z.object({
        runId,
        path: z.string().min(1, "must name a file of the run's code").max(500),
        round: z.number().int().min(0, "must be a code round (0 for the first)").optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { round, files } = await filesAt(ctx.services.pool, input.runId, input.round);
      // Own keys only: a path such as `constructor` is not a file of the run.
      const content = Object.hasOwn(files, input.path) ? files[input.path] : undefined;
      if (content === undefined) {
        throw badInput("path", `the run's code after round ${round} has no file ${input.path}`);
      }
      return { path: input.path, round, content, bytes: Buffer.byteLength(content) };
    }),

  /** Screen `index`'s wireframe (SVG text), from the run's preview folder in the data dir. */
  screen: procedureFor("viewer")
    .input(z.object({ runId, index: z.number().int().min(0, "must be a screen's index") }))
    .query(async ({ ctx, input }) => {
      const saved = await latestState(ctx.services.pool, input.runId);
      const preview = saved ? storedPreview(saved.values.previewData) : null;
      return readWireframe(ctx.services.dataDir, input.runId, preview, input.index);
    }),

  /** A screenshot the smoke of code round `round` kept (PNG, base64), from the data dir. */
  screenshot: procedureFor("viewer")
    .input(z.object({ runId, ...screenshotInput }))
    .query(({ ctx, input }) =>
      readScreenshot(ctx.services.dataDir, input.runId, input.round, input.name),
    ),
};

/** Which paths were added, removed or changed from `before` to `after`, sorted by path. */
export function changesBetween(
  before: Record<string, string>,
  after: Record<string, string>,
): FileChange[] {
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return paths.flatMap((path): FileChange[] => {
    if (!Object.hasOwn(before, path)) return [{ path, change: "added" }];
    if (!Object.hasOwn(after, path)) return [{ path, change: "removed" }];
    return before[path] === after[path] ? [] : [{ path, change: "changed" }];
  });
}

function entriesOf(files: Record<string, string>): FileEntry[] {
  return Object.entries(files)
    .map(([path, content]) => ({ path, bytes: Buffer.byteLength(content) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function reportsOf(values: Record<string, unknown>): RunArtifacts["reports"] {
  return {
    test: reportView(values.testReport),
    review: reportView(values.reviewReport),
    smoke: smokeView(values.smokeReport),
  };
}

function smokeView(report: unknown): SmokeReportView | null {
  const view = reportView(report);
  return view && { ...view, screenshots: screenshotsView(report) };
}

function decisionView(value: unknown): DecisionView | null {
  const d = value as { approved?: unknown; by?: unknown; comment?: unknown } | undefined;
  if (!d || typeof d.approved !== "boolean") return null;
  const comment = typeof d.comment === "string" ? d.comment : null;
  return { approved: d.approved, by: String(d.by ?? "someone"), comment };
}

function commitView(value: unknown): RunArtifacts["commit"] {
  const c = value as { sha?: unknown; remote?: unknown } | undefined;
  if (!c || typeof c.sha !== "string") return null;
  // The repository's path is the worker's own; the sha and the remote are what people use.
  return { sha: c.sha, remote: typeof c.remote === "string" ? c.remote : null };
}

function deploymentView(value: unknown): RunArtifacts["deployment"] {
  const d = value as { project?: unknown; url?: unknown; version?: unknown } | undefined;
  if (!d || typeof d.project !== "string" || typeof d.url !== "string") return null;
  return {
    project: d.project,
    url: d.url,
    version: typeof d.version === "number" ? d.version : null,
  };
}

function outcomeView(value: unknown): RunArtifacts["outcome"] {
  const o = value as { status?: unknown; reason?: unknown } | undefined;
  if (!o || typeof o.status !== "string") return null;
  return { status: o.status, reason: typeof o.reason === "string" ? o.reason : null };
}
