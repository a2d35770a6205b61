import type { AllowMethod, AllowStatement } from "@winky/rules";
import type { Model } from "@winky/planner";
import type { LoadedRules } from "./load-rules.js";
import type { ModelTarget } from "./model-paths.js";
import {
  flattenMatches,
  isCatchAll,
  isRead,
  isUnconditional,
  matchesPath,
  mentions,
  relativePattern,
  type FlatMatch,
} from "./rules-tree.js";

/** The Firestore documents root every generated rules file matches first. */
const ROOT = ["databases", "(default)", "documents"];

/** What the static audit found, and which models it already reported (probes skip them). */
export interface StaticAudit {
  findings: string[];
  flagged: Set<string>;
}

/** The methods an access policy lets anyone use without signing in. */
function openMethods(model: Model): (method: AllowMethod) => boolean {
  const kind = model.access.kind;
  if (kind === "public") return () => true;
  if (kind === "public-read") return isRead;
  return () => false;
}

/** `allow read, write` names of an allow that the covered models do not let be open. */
function overreach(allow: AllowStatement, covered: readonly ModelTarget[]): AllowMethod[] {
  const methods = allow.methods.map((m) => m.name);
  if (covered.length === 0) return methods;
  return methods.filter((m) => covered.some((t) => !openMethods(t.model)(m)));
}

function describeCovered(covered: readonly ModelTarget[], pattern: string): string {
  if (covered.length === 0)
    return `${pattern} is not a plan model's collection, so it is not public`;
  return covered.map((t) => `${t.model.name} access is "${t.model.access.kind}"`).join(", ");
}

/**
 * Reports, without running a request: a catch-all that allows anything; an allow open to
 * everyone (unconditional, or never reading `request.auth`) on a model whose access is not
 * public; a model whose collection no match block covers.
 */
export function auditFirestoreStatic(rules: LoadedRules, targets: ModelTarget[]): StaticAudit {
  const findings: string[] = [];
  const flagged = new Set<string>();
  const blocks = flattenMatches(rules.ast);
  for (const block of blocks) {
    const pattern = relativePattern(block.path);
    if (isCatchAll(block, ROOT)) {
      const methods = block.allows.flatMap((a) => a.methods.map((m) => m.name));
      findings.push(
        `rules: ${rules.file}:${block.line}: match ${pattern} allows ${methods.join(", ")} on every document; remove the catch-all so unmatched paths stay denied`,
      );
      for (const t of targets) flagged.add(t.model.name);
      continue;
    }
    const covered = targets.filter((t) => matchesPath(block.path, [...ROOT, ...t.segments]));
    for (const allow of block.allows) {
      const open = isUnconditional(allow);
      if (!open && mentions(allow.condition!, block.functions, "request.auth")) continue;
      const methods = overreach(allow, covered);
      if (methods.length === 0) continue;
      const why = !open
        ? "never checks request.auth"
        : allow.condition
          ? "is open to everyone (if true)"
          : "is open to everyone (no condition)";
      findings.push(
        `rules: ${rules.file}:${allow.loc.line}: allow ${methods.join(", ")} on ${pattern} ${why}; ${describeCovered(covered, pattern)}`,
      );
      for (const t of covered) flagged.add(t.model.name);
    }
  }
  for (const t of targets) {
    const full = [...ROOT, ...t.segments];
    const matched = blocks.some(
      (b) => b.allows.length > 0 && !isCatchAll(b, ROOT) && matchesPath(b.path, full),
    );
    if (!matched) {
      findings.push(
        `rules: ${rules.file} has no match for ${t.model.name} documents (${t.pattern}); add one with the "${t.model.access.kind}" access rules`,
      );
      flagged.add(t.model.name);
    }
  }
  return { findings, flagged };
}

/** The models some (non-catch-all) allow lets be created: people write them, not functions. */
export function creatableModels(rules: LoadedRules, targets: readonly ModelTarget[]): Set<string> {
  const blocks = flattenMatches(rules.ast).filter((b) => !isCatchAll(b, ROOT));
  const creates = (b: FlatMatch) =>
    b.allows.some((a) => a.methods.some((m) => m.name === "create" || m.name === "write"));
  return new Set(
    targets
      .filter((t) =>
        blocks.some((b) => creates(b) && matchesPath(b.path, [...ROOT, ...t.segments])),
      )
      .map((t) => t.model.name),
  );
}
