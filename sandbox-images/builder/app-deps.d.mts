// Types for app-deps.mjs (plain JavaScript, see build.mjs).
import type { AppDependencies } from "../image-tag.d.mts";

export declare const TOOLCHAIN: readonly string[];
export declare const BUILT_WORKSPACES: Record<string, string>;
export declare const TEMPLATES_DIR: string;

export declare class AppDepsError extends Error {
  name: "AppDepsError";
}

/** @throws AppDepsError when a dependency is not installed or cannot be laid out. */
export declare function resolveAppDeps(repoRoot: string): AppDependencies;
export declare function appDepsFingerprint(appDeps: AppDependencies): string[];
export declare function hashBuiltWorkspaces(repoRoot: string): string;
