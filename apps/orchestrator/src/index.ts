export { buildApp, type OrchestratorDeps } from "./app.js";
export { loadOrchestratorConfig, type OrchestratorConfig } from "./env.js";

// Generation runs, for the CLI (`winky new`, `winky runs`) and the workers.
export { buildPipeline, runConfig, type NodeLog, type Pipeline } from "./pipeline/graph.js";
export { createCheckpointer, CHECKPOINT_SCHEMA } from "./pipeline/checkpointer.js";
export type { CheckReport, Decision, PipelineNode, PipelineStateType } from "./pipeline/state.js";
export type { PipelineSteps, StepContext, ApprovalRequest } from "./pipeline/steps.js";
export {
  createOfflineSteps,
  smokeProjectOf,
  type OfflineEngineDeps,
} from "./steps/offline-engine.js";
export {
  RunService,
  RunInputError,
  promptProblem,
  type AdvanceOptions,
  type RunProgress,
} from "./runs/run-service.js";
export {
  createOfflineRunService,
  createRunReader,
  type OfflineRunServiceOptions,
} from "./runs/offline-run-service.js";
export { PostgresRunLog, RUN_EVENTS_CHANNEL } from "./runs/run-log.js";
export { newAppSlug } from "./runs/app-slug.js";
export { withRunLock, RunBusyError } from "./runs/run-lock.js";
export { RunStateError, RunCancelledError, isInfrastructureError } from "./runs/run-errors.js";
export { PostgresDeploymentLedger, type DeploymentLedger } from "./runs/deployment-ledger.js";

// Runs on BullMQ: the API's side (record, then queue) and the workers'.
export type { Actor, ApprovalDecision, CreateRunInput, RunControl } from "./queue/run-control.js";
export { QueuedRunControl, type QueuedRunControlOptions } from "./queue/queued-run-control.js";
export { startRunWorker, type RunJobResult, type RunWorkerOptions } from "./queue/run-worker.js";
export { openWorkerStack, type WorkerStackOptions } from "./queue/worker-stack.js";
export { loadWorkerConfig, type WorkerConfig } from "./worker-env.js";
export { RUNS_QUEUE, DEFAULT_QUEUE_PREFIX, RunJobData } from "./queue/run-jobs.js";

// The sandboxed build and the deploy, for end-to-end tests of deployed apps (playwright/).
export { testApp, type TestAppOptions, type TestAppResult } from "./checks/index.js";
export { deployApp, type DeployRequest } from "./steps/deploy-app.js";

// Pushing apps' repositories to a remote (the CLI's `gitRemote` option).
export {
  pushApp,
  type AppRemote,
  type PushCredentials,
  type PushRequest,
  type PushResult,
  type SecretLike,
} from "./git/push-app.js";
export { withModelEngine, type ModelEngineDeps } from "./steps/model-engine.js";
