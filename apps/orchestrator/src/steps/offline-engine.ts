import path from "node:path";
import type { AdminClient } from "@winky/admin-client";
import { validatePlan } from "@winky/planner";
import { reviewApp } from "@winky/reviewer";
import type Dockerode from "dockerode";
import { smokeApp, testApp } from "../checks/index.js";
import type { AppRemote } from "../git/push-app.js";
import type { DeploymentLedger } from "../runs/deployment-ledger.js";
import type { PipelineStateType } from "../pipeline/state.js";
import type { PipelineSteps, StepContext } from "../pipeline/steps.js";
import { deployApp } from "./deploy-app.js";
import { releasePreviewSite } from "./preview-site.js";
import { TestedSites } from "./tested-site.js";
import { createPipelineSteps } from "./pipeline-steps.js";

/** What the offline engine's run needs from the machine. */
export interface OfflineEngineDeps {
  docker: Dockerode;
  /** `winky/sandbox-builder:<tag>` (`resolveImages().builderImage`). */
  builderImage: string;
  /** The runtime's admin API with the operator key (deploys, and each run's smoke project). */
  admin: AdminClient;
  /** The operator key: the smoke's gateway reads the dev mailbox with it (the job never does). */
  operatorKey: string;
  /** The runtime's URL as browsers reach it: what a deployed app is built to talk to. */
  runtimeUrl: string;
  siteUrl: (project: string) => string;
  dataDir: string;
  chromiumPath?: string;
  /** Where the commit step pushes each app's repository; without it they stay local. */
  gitRemote?: AppRemote;
  /** Where runs' deploys are recorded (and found again by a resumed run). */
  deployments?: DeploymentLedger;
  /**
   * Also build the app for the run's own project and release it there while the smoke runs: the
   * live preview the studio shows before approval (one more sandboxed build per run).
   */
  previewSites?: boolean;
}

/**
 * A run's project for the smoke test: its own, fresh for the run, never the app's production
 * project (a smoke writes users and documents).
 */
export function smokeProjectOf(appName: string, runId: string): string {
  return `${appName.slice(0, 40)}-run-${runId.replace(/-/g, "").slice(0, 12)}`;
}

/**
 * The pipeline's steps with the offline engine and the sandboxed checks: `test` is typecheck,
 * build and unit tests in a fresh builder container; `review` the reviewer's audit; `smoke`
 * the app's Playwright spec in Chromium in another container, against the run's own runtime
 * project (rules, indexes, settings and functions deployed first), reached through a gateway
 * that lets nothing else through. The deploy builds the site for the production project.
 */
export function createOfflineSteps(deps: OfflineEngineDeps): PipelineSteps {
  const planOf = (state: PipelineStateType) => validatePlan(state.appPlan);
  const filesOf = (state: PipelineStateType) => state.files ?? {};
  const tested = new TestedSites(path.join(deps.dataDir, "runs"));
  const productionEnv = (project: string) => ({
    VITE_WINKY_URL: deps.runtimeUrl,
    VITE_WINKY_PROJECT: project,
  });
  return createPipelineSteps({
    dataDir: deps.dataDir,
    admin: deps.admin,
    siteUrl: deps.siteUrl,
    ...(deps.chromiumPath ? { chromiumPath: deps.chromiumPath } : {}),
    ...(deps.gitRemote ? { gitRemote: deps.gitRemote } : {}),
    ...(deps.deployments ? { deployments: deps.deployments } : {}),
    async test(state, ctx) {
      // Built for production: when the checks pass, the deploy ships this very build.
      const buildEnv = productionEnv(planOf(state).appName);
      const files = filesOf(state);
      const { report, dist } = await testApp({
        docker: deps.docker,
        image: deps.builderImage,
        files,
        buildEnv,
        ...signalOf(ctx),
      });
      if (report.ok) await tested.save(state.runId, files, buildEnv, dist);
      return report;
    },
    async review(state) {
      const review = reviewApp(planOf(state), filesOf(state), {
        ...(state.testReport ? { testReport: state.testReport } : {}),
      });
      return {
        ok: review.ok,
        summary: review.summary,
        findings: review.findings,
        details: { sections: review.sections },
      };
    },
    async smoke(state, ctx) {
      const plan = planOf(state);
      const project = smokeProjectOf(plan.appName, state.runId);
      await ctx.progress(`deploying to the run's project ${project}`);
      await deployApp({
        admin: deps.admin,
        project,
        plan,
        files: filesOf(state),
        siteUrl: deps.siteUrl,
      });
      const [report, preview] = await Promise.all([
        smokeApp({
          docker: deps.docker,
          image: deps.builderImage,
          files: filesOf(state),
          runtimeUrl: deps.runtimeUrl,
          project,
          serviceKey: deps.operatorKey,
          // Per round, for the run view (`runs.screenshot`): the job's workspace is removed.
          screenshotsDir: path.join(
            deps.dataDir,
            "runs",
            state.runId,
            "smoke",
            `round-${state.round}`,
          ),
          ...signalOf(ctx),
        }),
        deps.previewSites
          ? releasePreviewSite({
              docker: deps.docker,
              builderImage: deps.builderImage,
              admin: deps.admin,
              project,
              files: filesOf(state),
              buildEnv: productionEnv(project),
              siteUrl: deps.siteUrl,
              ...signalOf(ctx),
            })
          : undefined,
      ]);
      if (preview && "url" in preview) await ctx.progress(`preview at ${preview.url}`);
      return preview ? { ...report, details: { ...report.details, preview } } : report;
    },
    async buildSite(files, project, ctx) {
      const buildEnv = productionEnv(project);
      const site = await tested.find(ctx.runId, files, buildEnv);
      if (site) {
        await ctx.progress("shipping the build the test step checked");
        return site;
      }
      await ctx.progress(`building the site for project ${project}`);
      const { report, dist } = await testApp({
        docker: deps.docker,
        image: deps.builderImage,
        files,
        buildEnv,
        ...signalOf(ctx),
      });
      if (!report.ok) throw new Error(`the production build failed: ${report.summary}`);
      return dist;
    },
  });
}

/** The run's abort signal for a sandbox job: a cancelled run's container is killed. */
function signalOf(ctx: StepContext): { signal?: AbortSignal } {
  return ctx.signal ? { signal: ctx.signal } : {};
}
