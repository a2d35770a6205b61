import type { AppPlan, Model } from "@winky/planner";
import type { AppFiles } from "../report.js";
import { probeFirestore } from "./firestore-probes.js";
import { auditFirestoreStatic, creatableModels } from "./firestore-static.js";
import { loadRules } from "./load-rules.js";
import { modelTargets } from "./model-paths.js";
import { auditStorage } from "./storage-audit.js";

/** Where the rules files are: as `winky.json` names them, else the coder's default names. */
export interface RulesFiles {
  firestore: string;
  storage: string;
}

/** The audit's findings, and what the rules say about who creates each model's documents. */
export interface RulesAudit {
  findings: string[];
  /** Whether some allow lets requests create the model's documents; absent when unparsed. */
  creatable?: (model: Model) => boolean;
}

/**
 * The rules audit: both files parse and check; then Firestore's rules statically (catch-all,
 * open allows, every model matched) and by evaluated requests (what each access policy must
 * refuse), and Storage's rules (auth, uid scoping, size limit). A missing file is not reported
 * here: plan coverage reports what `winky.json` names and the app lacks.
 */
export function auditRules(plan: AppPlan, files: AppFiles, paths: RulesFiles): RulesAudit {
  const findings: string[] = [];
  let creatable: RulesAudit["creatable"];
  const firestoreSource = files[paths.firestore];
  if (firestoreSource !== undefined) {
    const loaded = loadRules(paths.firestore, firestoreSource, "cloud.firestore");
    findings.push(...loaded.findings);
    if (loaded.rules) {
      const targets = modelTargets(plan);
      const audit = auditFirestoreStatic(loaded.rules, targets);
      findings.push(...audit.findings, ...probeFirestore(loaded.rules, targets, audit.flagged));
      const names = creatableModels(loaded.rules, targets);
      creatable = (model) => names.has(model.name);
    }
  }
  const storageSource = files[paths.storage];
  if (storageSource !== undefined) {
    const loaded = loadRules(paths.storage, storageSource, "firebase.storage");
    findings.push(...loaded.findings);
    if (loaded.rules) findings.push(...auditStorage(loaded.rules, plan));
  }
  return { findings, ...(creatable ? { creatable } : {}) };
}
