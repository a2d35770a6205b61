export type {
  FunctionRef,
  FunctionSpec,
  HostApiHandler,
  InvocationContext,
  InvocationError,
  InvocationErrorKind,
  InvocationFailure,
  InvocationResult,
  InvocationSuccess,
  InvokeOptions,
  JsonValue,
  LogLine,
  PoolOptions,
  Sandbox,
  SandboxStats,
} from "./types.js";
export { ERROR_FIELD_LIMITS } from "./types.js";
export { SandboxError, isSandboxError, type SandboxErrorCode } from "./errors.js";
export { SandboxPool, type SandboxPoolOptions } from "./core/pool.js";
export {
  SANDBOX_PATHS,
  SANDBOX_USER,
  type LaunchRequest,
  type LaunchedWorker,
  type WorkerExit,
  type WorkerLauncher,
  type WorkerPaths,
} from "./core/launcher.js";
export { LOG_LIMITS } from "./core/log-collector.js";
export { HOST_API_MAX_REQUEST } from "./core/host-api-server.js";
export { DockerSandbox, type DockerSandboxOptions } from "./docker/docker-sandbox.js";
export { LABELS as DOCKER_LABELS } from "./docker/container-options.js";
export {
  BubblewrapSandbox,
  type BubblewrapSandboxOptions,
} from "./bubblewrap/bubblewrap-sandbox.js";
export { probeBubblewrap, type BubblewrapProbe } from "./bubblewrap/probe.js";
export { runJob } from "./jobs/run-job.js";
export { reapJobs } from "./jobs/reap-jobs.js";
export type { JobOptions, JobResult, JobService } from "./jobs/job-types.js";
export { JOB_DEFAULTS } from "./jobs/validate-job.js";
export { JOB_LABELS, JOB_PATHS } from "./jobs/job-container-options.js";
