import { userInfo } from "node:os";
import type { Decision, RunProgress, RunService } from "@winky/orchestrator";
import type { AppPlan } from "@winky/planner";
import type { CliIo } from "../io.js";
import { planText } from "./plan-text.js";

export interface DriveOptions {
  yes: boolean;
  json: boolean;
  /** Progress lines (standard error under --json). */
  say: (text: string) => void;
}

/**
 * Takes a run from `first` through its approvals: `--yes` approves each for local use (the run
 * log records who and how); on a terminal the person is asked; otherwise the run is left
 * waiting and the result says which command answers it.
 */
export async function driveRun(
  service: RunService,
  first: () => Promise<RunProgress>,
  io: CliIo,
  options: DriveOptions,
): Promise<RunProgress> {
  let progress = await first();
  while (progress.status === "awaiting_plan_approval" || progress.status === "awaiting_approval") {
    const state = await service.state(progress.runId);
    if (progress.status === "awaiting_plan_approval" && state?.appPlan) {
      options.say(`\n${planText(state.appPlan as AppPlan, state.previewData)}\n`);
    } else if (state) {
      const reports = [state.testReport, state.reviewReport, state.smokeReport];
      options.say(`\nChecks: ${reports.map((r) => r?.summary ?? "—").join("; ")}\n`);
    }
    const decision = await decide(progress.asks.summary, io, options);
    if (!decision) return progress;
    progress = await service.answer(progress.runId, decision);
  }
  return progress;
}

/** Who approves from this command line: the OS account, as the run log records it. */
export function approver(): string {
  return userInfo().username;
}

async function decide(
  question: string,
  io: CliIo,
  options: DriveOptions,
): Promise<Decision | undefined> {
  const who = approver();
  if (options.yes) {
    options.say(`✓ ${question}: approved with --yes for local use\n`);
    return { approved: true, by: `${who} (--yes)`, comment: "approved with --yes for local use" };
  }
  if (!io.ask || options.json) return undefined;
  const answer = (await io.ask(`${question}? [y/N] `)).trim().toLowerCase();
  if (answer === "y" || answer === "yes") return { approved: true, by: who };
  const why = (await io.ask("Why not (optional)? ")).trim();
  return { approved: false, by: who, ...(why ? { comment: why } : {}) };
}
