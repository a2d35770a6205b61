import type { WinkyClient } from "@winky/api-client";
import type { ApiProblem } from "../_lib/api.js";

/** What `imports.firebaseReport` answers: the compatibility report of the folder sent. */
export type FirebaseReport = Awaited<
  ReturnType<WinkyClient["imports"]["firebaseReport"]["mutate"]>
>;
export type FirebaseReportItem = FirebaseReport["items"][number];

/** The form's state: the report of the last folder sent, or why there is none. */
export interface ReportState {
  report: FirebaseReport | null;
  problem: ApiProblem | null;
  /** The form field the problem is about (`folder`, `project`), when the API named one. */
  field: "folder" | "project" | null;
}

export const INITIAL_REPORT_STATE: ReportState = { report: null, problem: null, field: null };

/** The most a folder may hold (the API's limits): larger ones are read by the CLI. */
export const MAX_FOLDER_BYTES = 8 * 1024 * 1024;
export const MAX_FOLDER_FILES = 5_000;

/** Folders never sent: installed packages, Git's store, the Firebase CLI's cache. */
export const SKIPPED_FOLDERS = new Set(["node_modules", ".git", ".firebase"]);
