// The Cloud Functions source analyzer: which functions a Firebase project deploys and what
// each becomes on winky. See analyze.ts.
export { analyzeFunctions } from "./analyze.js";
export { translateSchedule, type ScheduleTranslation } from "./schedule.js";
export type {
  CodebaseInfo,
  DiscoveredFunction,
  DocumentEvent,
  FunctionsAnalysis,
  RuntimeTrigger,
} from "./types.js";
