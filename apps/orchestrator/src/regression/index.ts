// Scheduled regression runs: every deployed app's smoke suite re-run against its production
// project on each team's cron, a failure announced on the team's webhook and shown as a red
// badge (`appHealth`).
export { RegressionScheduler, type RegressionSchedulerOptions } from "./regression-scheduler.js";
export {
  startRegressionWorker,
  type RegressionJobResult,
  type RegressionWorker,
  type RegressionWorkerDeps,
} from "./regression-worker.js";
export {
  checkDeployedApp,
  type RegressionCheckDeps,
  type RegressionOutcome,
} from "./check-deployed-app.js";
export {
  DEFAULT_REGRESSION_CRON,
  MIN_REGRESSION_INTERVAL_MS,
  RegressionScheduleError,
  isRegressionScheduleError,
  parseRegressionSchedule,
  type RegressionSchedule,
  type RegressionScheduleSettings,
} from "./regression-schedule.js";
export {
  REGRESSION_JOB,
  REGRESSION_QUEUE,
  RegressionPayload,
  type RegressionConnection,
} from "./regression-queue.js";
export { REGRESSION_ERROR_CODES, regressionPrompt } from "./regression-runs.js";
export { appHealth, toAppHealth, type AppHealth } from "./app-health.js";
export { listDeployedApps, type DeployedApp } from "./deployed-apps.js";
export {
  regressionFailureMessage,
  type RegressionFailureNotice,
  type SlackBlock,
  type SlackMessage,
} from "./failure-message.js";
export { postWebhook, WEBHOOK_TIMEOUT_MS, type WebhookResult } from "./webhook.js";
