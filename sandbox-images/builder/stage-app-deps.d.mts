// Types for stage-app-deps.mjs (plain JavaScript, see build.mjs).
import type { AppDependencies } from "../image-tag.d.mts";

export declare function stageAppDeps(
  appDeps: AppDependencies,
  options: { repoRoot: string; dest: string },
): Promise<void>;
