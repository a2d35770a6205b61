import { rm, rmdir } from "node:fs/promises";
import path from "node:path";
import type { RunFailure } from "@winky/db";
import type Dockerode from "dockerode";
import type pg from "pg";
import { smokeApp } from "../checks/index.js";
import type { CheckReport } from "../pipeline/state.js";
import type { PostgresRunLog } from "../runs/run-log.js";
import { readCommittedApp } from "./committed-files.js";
import { teamWebhookUrl, type DeployedApp } from "./deployed-apps.js";
import { regressionFailureMessage } from "./failure-message.js";
import { REGRESSION_ERROR_CODES, RegressionRuns } from "./regression-runs.js";
import { postWebhook, type FetchLike, type WebhookResult } from "./webhook.js";

/** What checking a deployed app takes from the machine. */
export interface RegressionCheckDeps {
  pool: pg.Pool;
  log: PostgresRunLog;
  docker: Dockerode;
  /** `winky/sandbox-builder:<tag>` (`resolveImages().builderImage`). */
  builderImage: string;
  /** The runtime's URL on this machine; the smoke reaches it through a gateway only. */
  runtimeUrl: string;
  /** The runtime's operator key: the gateway reads the dev mailbox with it; the job never does. */
  operatorKey: string;
  /** Apps' repositories (`repos/<slug>`) and runs' artifacts (`runs/<id>/`) live under it. */
  dataDir: string;
  /** How webhooks are posted (tests may pass their own). */
  fetch?: FetchLike;
  /** The smoke job's limit (default: smokeApp's 5 min). */
  smokeTimeoutMs?: number;
}

/** How a check ended; `cancelled` means the smoke could not run, so the app has no verdict. */
export type RegressionOutcome =
  | { runId: string; status: "succeeded"; report: CheckReport }
  | { runId: string; status: "failed"; report: CheckReport; notification: WebhookResult | null }
  | { runId: string; status: "cancelled"; error: RunFailure };

/**
 * Re-runs a deployed app's smoke suite against its production project, as one regression run:
 * the app's files at HEAD of its repository are built and served in a fresh builder
 * container whose Chromium runs the app's Playwright spec, reaching only `app.project`
 * through the gateway. Like synthetic monitoring, **the smoke writes to production**: every
 * check signs up a `smoke-…@example.com` user and creates (and removes) documents and files
 * in the app's live project.
 *
 * A failed smoke fails the run (`regression-failed`) and, when the team has a webhook,
 * announces it there once (`notification.sent` / `notification.failed` in the run's log,
 * with the status or error, never the URL). A smoke that could not run cancels the run
 * (`regression-not-run`) and is not announced. Never throws for the app's or the smoke's
 * failures; rejects only when the platform database does.
 */
export async function checkDeployedApp(
  deps: RegressionCheckDeps,
  app: DeployedApp,
  signal?: AbortSignal,
): Promise<RegressionOutcome> {
  const runs = new RegressionRuns(deps.pool, deps.log);
  await runs.closeInterrupted(app.id);
  const runId = await runs.create(app);
  // Nothing recorded may hold the operator key, whatever an error message quotes.
  const key = deps.operatorKey;
  const redact = (text: string) => (key ? text.split(key).join("***") : text);
  await deps.log.started(runId, "smoke");
  const started = Date.now();
  const workspace = path.join(deps.dataDir, "runs", runId, "smoke");
  let report: CheckReport;
  let commitSha: string;
  try {
    await deps.log.progress(runId, "smoke", `reading ${app.slug}'s repository at HEAD`);
    const committed = await readCommittedApp(app.repo);
    commitSha = committed.sha;
    await deps.log.progress(
      runId,
      "smoke",
      `smoke of commit ${commitSha.slice(0, 12)} against the production project ${app.project} ` +
        "(it signs up a test user and writes documents there)",
      { project: app.project, commitSha, deployedSha: app.deployedSha },
    );
    report = await smokeApp({
      docker: deps.docker,
      image: deps.builderImage,
      files: committed.files,
      runtimeUrl: deps.runtimeUrl,
      project: app.project,
      serviceKey: deps.operatorKey,
      workspace,
      ...(deps.smokeTimeoutMs ? { timeoutMs: deps.smokeTimeoutMs } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (e) {
    await removeRunDir(workspace);
    const error: RunFailure = {
      code: REGRESSION_ERROR_CODES.notRun,
      message: redact(`the smoke could not run: ${(e as Error).message}`),
      node: "smoke",
    };
    await runs.cancel(runId, error);
    return { runId, status: "cancelled", error };
  }

  const findings = report.findings.map(redact);
  await deps.log.append(runId, "node.finished", "smoke", {
    durationMs: Date.now() - started,
    summary: redact(report.summary),
    passed: report.passed ?? 0,
    failed: report.failed ?? 0,
    findings,
  });
  if (report.ok) {
    // A passed smoke's workspace has nothing worth keeping; a failed one keeps screenshots.
    await removeRunDir(workspace);
    await runs.finish(runId, "succeeded");
    return { runId, status: "succeeded", report };
  }
  await runs.finish(runId, "failed", {
    code: REGRESSION_ERROR_CODES.failed,
    message: redact(report.summary),
    node: "smoke",
  });
  const notification = await notifyFailure(deps, app, {
    runId,
    report: { ...report, summary: redact(report.summary) },
    findings,
    commitSha,
  });
  return { runId, status: "failed", report, notification };
}

/** Posts the failure to the team's webhook, if it has one, and logs what became of it. */
async function notifyFailure(
  deps: RegressionCheckDeps,
  app: DeployedApp,
  failure: { runId: string; report: CheckReport; findings: string[]; commitSha: string },
): Promise<WebhookResult | null> {
  const url = await teamWebhookUrl(deps.pool, app.teamId);
  if (!url) return null;
  const { report, runId } = failure;
  const message = regressionFailureMessage({
    appName: app.name,
    project: app.project,
    url: app.url,
    runId,
    summary: report.summary,
    findings: failure.findings,
    commitSha: failure.commitSha,
    ...(report.passed !== undefined ? { passed: report.passed } : {}),
    ...(report.failed !== undefined ? { failed: report.failed } : {}),
  });
  const result = await postWebhook(url, message, deps.fetch ? { fetch: deps.fetch } : {});
  const { ok: _ok, ...payload } = result;
  await deps.log.append(runId, result.ok ? "notification.sent" : "notification.failed", "smoke", {
    channel: "webhook",
    ...payload,
  });
  return result;
}

/** Removes the smoke's workspace, and the run's dir when nothing else is in it. */
async function removeRunDir(workspace: string): Promise<void> {
  await rm(workspace, { recursive: true, force: true });
  await rmdir(path.dirname(workspace)).catch(() => undefined);
}
