// The reviewer: a generated app and its plan in, findings the coder can repair out.
export { reviewApp, type ReviewOptions } from "./review-app.js";
export type { AppFiles, ReviewReport, ReviewSection, TestReport } from "./report.js";
export { reviewDiffWithModel } from "./llm/review-diff.js";
export { appDiff } from "./llm/file-diff.js";
