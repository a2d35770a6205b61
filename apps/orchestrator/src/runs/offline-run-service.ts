import { AdminClient } from "@winky/admin-client";
import { reapJobs } from "@winky/sandbox";
import Dockerode from "dockerode";
import type pg from "pg";
import type { AppRemote } from "../git/push-app.js";
import { createCheckpointer } from "../pipeline/checkpointer.js";
import { buildPipeline } from "../pipeline/graph.js";
import { withModelEngine, type ModelEngineDeps } from "../steps/model-engine.js";
import { createOfflineSteps } from "../steps/offline-engine.js";
import { PostgresDeploymentLedger } from "./deployment-ledger.js";
import { PostgresRunLog } from "./run-log.js";
import { RunService } from "./run-service.js";

export interface OfflineRunServiceOptions {
  /** The platform database (runs, run_events, the checkpoints), migrated. */
  pool: pg.Pool;
  /** The runtime as browsers and the smoke reach it; deployed apps are built to talk to it. */
  runtimeUrl: string;
  /** The runtime's operator key: deploys, and each run's smoke project. */
  adminKey: string;
  /** Where the runtime serves a project's site. */
  siteUrl: (project: string) => string;
  /** Runs' artifacts and apps' repositories live under it. */
  dataDir: string;
  /** `winky/sandbox-builder:<tag>`. */
  builderImage: string;
  /** Chromium on this machine, for the preview's PNGs. */
  chromiumPath?: string;
  /** Where each app's repository is pushed after its run commits; without it they stay local. */
  gitRemote?: AppRemote;
  /** Release each run's app on its own project as the studio's live preview. */
  previewSites?: boolean;
  /** Defaults to a plain {@link PostgresRunLog}; pass a subclass to watch the events too. */
  log?: PostgresRunLog;
  /** A model for the planner and the coder (the checks stay sandboxed); without it, offline. */
  model?: Omit<ModelEngineDeps, "pool">;
}

/**
 * A {@link RunService} with the offline engine (or a model over it, with `model`) and the
 * sandboxed checks on the local Docker engine: what `winky new`, `winky runs` and the benchmark
 * drive. Job containers and temp dirs left by a process that died mid-run are removed first (a
 * resumed run starts its node again).
 */
export async function createOfflineRunService(options: OfflineRunServiceOptions) {
  const docker = new Dockerode();
  await reapJobs(docker);
  const log = options.log ?? new PostgresRunLog(options.pool);
  const steps = createOfflineSteps({
    docker,
    builderImage: options.builderImage,
    admin: new AdminClient(options.runtimeUrl, options.adminKey),
    operatorKey: options.adminKey,
    runtimeUrl: options.runtimeUrl,
    siteUrl: options.siteUrl,
    dataDir: options.dataDir,
    ...(options.chromiumPath ? { chromiumPath: options.chromiumPath } : {}),
    ...(options.gitRemote ? { gitRemote: options.gitRemote } : {}),
    ...(options.previewSites ? { previewSites: true } : {}),
    deployments: new PostgresDeploymentLedger(options.pool),
  });
  const checkpointer = await createCheckpointer(options.pool);
  const engine = options.model
    ? withModelEngine(steps, { ...options.model, pool: options.pool })
    : steps;
  return new RunService(options.pool, buildPipeline(engine, { log, checkpointer }), log);
}

/**
 * A {@link RunService} that reads runs (state, progress) and moves none: `winky runs show`
 * and `list` need no Docker engine or runtime. A step it is asked to run throws.
 */
export async function createRunReader(pool: pg.Pool): Promise<RunService> {
  const readOnly = async (): Promise<never> => {
    throw new Error("this run service only reads runs");
  };
  const steps = {
    plan: readOnly,
    preview: readOnly,
    code: readOnly,
    test: readOnly,
    review: readOnly,
    smoke: readOnly,
    commit: readOnly,
    deploy: readOnly,
  };
  const log = new PostgresRunLog(pool);
  const checkpointer = await createCheckpointer(pool);
  return new RunService(pool, buildPipeline(steps, { log, checkpointer }), log);
}
