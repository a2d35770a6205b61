import type { AdminClient } from "@winky/admin-client";
import type Dockerode from "dockerode";
import { testApp } from "../checks/index.js";

/** Where a run's preview is served, or why there is none. */
export type PreviewSite = { project: string; url: string } | { error: string };

export interface PreviewSiteRequest {
  docker: Dockerode;
  builderImage: string;
  admin: AdminClient;
  /** The run's own project (the smoke's): the preview reads and writes its data, never production's. */
  project: string;
  files: Record<string, string>;
  /** The build's environment for `project` (the runtime's URL, the project). */
  buildEnv: Record<string, string>;
  siteUrl: (project: string) => string;
  signal?: AbortSignal;
}

/**
 * The app built for the run's own project and released there as its site: the live preview
 * people open from the run's page before approving, with the smoke's data and none of
 * production's. A preview that could not be made is said in words and fails nothing: the
 * checks, not the preview, decide the run.
 */
export async function releasePreviewSite(request: PreviewSiteRequest): Promise<PreviewSite> {
  try {
    const { report, dist } = await testApp({
      docker: request.docker,
      image: request.builderImage,
      files: request.files,
      buildEnv: request.buildEnv,
      ...(request.signal ? { signal: request.signal } : {}),
    });
    if (!report.ok || !dist || dist.size === 0) {
      return { error: `the preview build failed: ${report.summary}` };
    }
    await request.admin.deploySite(request.project, dist, { spa: spaOf(request.files) });
    return { project: request.project, url: request.siteUrl(request.project) };
  } catch (e) {
    if (request.signal?.aborted) throw e;
    return { error: `the preview was not released: ${(e as Error).message}` };
  }
}

/** Whether `winky.json` serves the site as a single-page app (the coder's apps are). */
function spaOf(files: Record<string, string>): boolean {
  try {
    const config = JSON.parse(files["winky.json"] ?? "{}") as { hosting?: { spa?: boolean } };
    return config.hosting?.spa ?? true;
  } catch {
    return true;
  }
}
