import type { AppPlan, Model } from "@winky/planner";
import { prepareStorageRequest, toValue, type RMap } from "@winky/rules";
import type { LoadedRules } from "./load-rules.js";
import { OTHER, OWNER, PROBE_TIME } from "./model-paths.js";
import {
  flattenMatches,
  isCatchAll,
  isRead,
  isUnconditional,
  mentions,
  relativePattern,
  type FlatMatch,
} from "./rules-tree.js";

const ROOT = ["b", "review-bucket", "o"];
const MB = 1024 * 1024;
/** Types tried, after the plan's own, to find one the rules accept from the folder's owner. */
const FALLBACK_TYPES = ["image/png", "image/jpeg", "application/pdf", "text/plain"];

interface Upload {
  size: number;
  contentType: string;
}

/** The models whose collection names a literal segment of the block's path. */
function modelsOf(block: FlatMatch, plan: AppPlan): Model[] {
  const literals = new Set(block.path.flatMap((s) => (s.kind === "literal" ? [s.text] : [])));
  return plan.models.filter((m) => literals.has(m.collection));
}

/** A concrete object path for the block: its first wildcard is the owner's uid. */
function objectPath(block: FlatMatch): string {
  let wildcards = 0;
  return block.path
    .slice(ROOT.length)
    .map((s) => (s.kind === "literal" ? s.text : wildcards++ === 0 ? OWNER : "1-upload.png"))
    .join("/");
}

function creates(
  rules: LoadedRules,
  path: string,
  uid: string | null,
  roles: string[],
  upload: Upload,
): boolean {
  const auth = uid === null ? null : (toValue({ uid, token: { sub: uid, roles } }) as RMap);
  const request = prepareStorageRequest({
    method: "create",
    path,
    bucket: ROOT[1],
    auth,
    time: PROBE_TIME,
    upload: toValue({ name: path, metadata: {}, ...upload }) as RMap,
  });
  return rules.program.evaluate(request).allowed;
}

/** Static findings for one block: writes that never read `request.auth`, reads open wider than the plan. */
function openAllows(rules: LoadedRules, block: FlatMatch, models: Model[]): string[] {
  const pattern = relativePattern(block.path);
  const findings: string[] = [];
  for (const allow of block.allows) {
    const open = isUnconditional(allow);
    if (!open && mentions(allow.condition!, block.functions, "request.auth")) continue;
    const publicRead = models.length > 0 && models.every((m) => m.access.kind.startsWith("public"));
    const methods = allow.methods.map((m) => m.name).filter((m) => !(isRead(m) && publicRead));
    if (methods.length === 0) continue;
    const why = !open
      ? "never checks request.auth"
      : allow.condition
        ? "is open to everyone (if true)"
        : "is open to everyone (no condition)";
    findings.push(
      `rules: ${rules.file}:${allow.loc.line}: allow ${methods.join(", ")} on ${pattern} ${why}; uploads require a signed-in user`,
    );
  }
  return findings;
}

/**
 * Audits `storage.rules`: no catch-all; no allow open to everyone beyond public reads; and,
 * evaluated, every upload folder refuses a signed-out upload, an upload by another user into
 * the owner's folder (uploads are scoped by uid), and a file over the plan's size limit.
 */
export function auditStorage(rules: LoadedRules, plan: AppPlan): string[] {
  const findings: string[] = [];
  const roles = plan.auth.roles;
  const limit = plan.storage.maxFileMb * MB;
  for (const block of flattenMatches(rules.ast)) {
    if (block.allows.length === 0) continue;
    const pattern = relativePattern(block.path);
    if (isCatchAll(block, ROOT)) {
      findings.push(
        `rules: ${rules.file}:${block.line}: match ${pattern} allows uploads and reads on every path; remove the catch-all so unmatched paths stay denied`,
      );
      continue;
    }
    const open = openAllows(rules, block, modelsOf(block, plan));
    findings.push(...open);
    if (open.length > 0) continue;
    const path = objectPath(block);
    const types = [...plan.storage.contentTypes.filter((t) => !t.includes("*")), ...FALLBACK_TYPES];
    const contentType = types.find((t) =>
      creates(rules, path, OWNER, roles, { size: 1024, contentType: t }),
    );
    // No upload succeeds here even for its owner: a folder for reads only, nothing to probe.
    if (contentType === undefined) continue;
    const small = { size: 1024, contentType };
    if (creates(rules, path, null, roles, small))
      findings.push(
        `rules: ${rules.file}: uploads to ${pattern} are allowed signed out; require request.auth`,
      );
    else if (creates(rules, path, OTHER, roles, small))
      findings.push(
        `rules: ${rules.file}: uploads to ${pattern} are not scoped by uid (another user can write into the owner's folder); compare the path's uid with request.auth.uid`,
      );
    if (creates(rules, path, OWNER, roles, { size: limit + 1, contentType }))
      findings.push(
        `rules: ${rules.file}: uploads to ${pattern} have no size limit at or below the plan's ${plan.storage.maxFileMb} MB; check request.resource.size`,
      );
  }
  return findings;
}
