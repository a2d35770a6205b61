"use server";

import { apiFor, toApiProblem } from "../_lib/api.js";
import { readSession } from "../_lib/session.js";
import type { ReportState } from "./report-state.js";

/**
 * Sends the chosen folder's files (`path` and `file` entries, in pairs) to
 * `imports.firebaseReport` and answers its report. The folder is read on the orchestrator and
 * not kept; nothing is imported.
 */
export async function firebaseReportAction(
  _previous: ReportState,
  form: FormData,
): Promise<ReportState> {
  const session = await readSession();
  if (!session) {
    return {
      report: null,
      problem: { code: "UNAUTHORIZED", message: "your session has ended: sign in again" },
      field: null,
    };
  }
  const paths = form.getAll("path").map(String);
  const bodies = form.getAll("file");
  if (paths.length !== bodies.length || bodies.some((b) => typeof b === "string")) {
    return {
      report: null,
      problem: { code: "BAD_REQUEST", message: "folder: choose the folder again and resend it" },
      field: "folder",
    };
  }
  const files = await Promise.all(
    (bodies as File[]).map(async (file, i) => ({
      path: paths[i]!,
      base64: Buffer.from(await file.arrayBuffer()).toString("base64"),
    })),
  );
  const project = String(form.get("project") ?? "").trim();
  try {
    const report = await apiFor(session, form).imports.firebaseReport.mutate({
      folder: String(form.get("folder") ?? ""),
      ...(project ? { project } : {}),
      files,
    });
    return { report, problem: null, field: null };
  } catch (e) {
    const problem = toApiProblem(e);
    // "files[3].path: …", "project: …": a refusal of the input names its field first.
    const named =
      problem.code === "BAD_REQUEST" ? /^(\w+)[.[:]/.exec(problem.message)?.[1] : undefined;
    const field = named === "project" ? "project" : named ? "folder" : null;
    return { report: null, problem, field };
  }
}
