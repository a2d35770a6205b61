// The analyzer's public shapes. `RuntimeTrigger` mirrors `FunctionTrigger` in
// apps/runtime/src/functions/function-config.ts; it is restated here because this package
// reads projects offline and must not depend on the runtime app (or on zod).
import type { ReportItem, SourceRef } from "../report.js";

export type DocumentEvent = "create" | "update" | "delete" | "write";

export type RuntimeTrigger =
  | { kind: "callable" }
  | { kind: "http" }
  | { kind: "document"; event: DocumentEvent; path: string }
  | { kind: "auth"; event: "create" | "delete" }
  | { kind: "storage"; event: "finalize" | "delete"; prefix?: string }
  | { kind: "schedule"; schedule: string; timeZone?: string };

export interface DiscoveredFunction {
  /**
   * Why the import must not deploy it as it is (a private invoker or App Check it would lose, a
   * name the runtime refuses); absent when it may. Its item says the same.
   */
  undeployable?: string;
  /** The deployed name: the export name, groups joined with "-" as firebase-tools does. */
  name: string;
  /** "default" unless firebase.json names one. */
  codebase: string;
  source: SourceRef;
  generation: 1 | 2;
  /** What the source says: "https.onCall", "firestore.document().onCreate", … */
  firebaseTrigger: string;
  /** The runtime's trigger, or null when there is none (unsupported or untranslatable). */
  trigger: RuntimeTrigger | null;
  /** How the handler is reached from the entry module: ["users", "onCreate"]. */
  exportPath: string[];
  memoryMb?: number;
  timeoutMs?: number;
  region?: string;
  secrets: string[];
}

export interface CodebaseInfo {
  codebase: string;
  /** The functions folder relative to the project folder. */
  sourceDir: string;
  /** The analysed entry module relative to the project folder, or null when none was found. */
  entryFile: string | null;
}

export interface FunctionsAnalysis {
  codebases: CodebaseInfo[];
  functions: DiscoveredFunction[];
  /** Every `defineSecret("NAME")`. */
  secrets: { name: string; source: SourceRef }[];
  /** Every defineString/defineInt/defineBoolean/defineList/defineFloat. */
  params: { name: string; kind: string; source: SourceRef }[];
  /** Every `functions.config().a.b` read, as "a.b". */
  configUses: { path: string; source: SourceRef }[];
  /** Area "functions": one per function, secret, param, config use and problem. */
  items: ReportItem[];
  /** Source files that cannot be read or parsed (also in `items`): the import stops on them. */
  unreadable: ReportItem[];
}

/** The report area every item of this analyzer belongs to. */
export const AREA = "functions";
