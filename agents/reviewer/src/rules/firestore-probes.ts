import {
  prepareFirestoreRequest,
  toValue,
  type DocumentReader,
  type FirestoreRequestSpec,
  type RMap,
} from "@winky/rules";
import type { LoadedRules } from "./load-rules.js";
import {
  OTHER,
  OWNER,
  ownerFieldOf,
  PROBE_TIME,
  sampleDocument,
  type ModelTarget,
} from "./model-paths.js";

type Auth = string | null;

function authOf(uid: Auth): RMap | null {
  return uid === null ? null : (toValue({ uid, token: { sub: uid } }) as RMap);
}

/**
 * Decides concrete requests against the rules, with every plan model's sample document
 * stored (owned by {@link OWNER}), so `get()`/`exists()` on parents find them.
 */
class Prober {
  private readonly stored = new Map<string, Record<string, unknown>>();
  private readonly reader: DocumentReader;

  constructor(
    private readonly rules: LoadedRules,
    targets: readonly ModelTarget[],
  ) {
    for (const t of targets) this.stored.set(t.segments.join("/"), sampleDocument(t.model, OWNER));
    this.reader = {
      get: (segments) => {
        const doc = this.stored.get(segments.join("/"));
        return doc ? toValue(doc) : undefined;
      },
    };
  }

  allowed(spec: Omit<FirestoreRequestSpec, "time">): boolean {
    const requests = prepareFirestoreRequest({ ...spec, time: PROBE_TIME });
    return requests.every(
      (r) =>
        this.rules.program.evaluate({ ...r, current: this.reader, after: this.reader }).allowed,
    );
  }

  read(t: ModelTarget, uid: Auth): boolean {
    const resource = toValue(this.stored.get(t.segments.join("/"))) as RMap;
    return this.allowed({ method: "get", path: t.segments.join("/"), auth: authOf(uid), resource });
  }

  list(t: ModelTarget, uid: Auth, field: string): boolean {
    const path = t.segments.slice(0, -1).join("/");
    return this.allowed({
      method: "list",
      path,
      auth: authOf(uid),
      query: { where: [[field, "==", OWNER]] },
    });
  }

  create(t: ModelTarget, uid: Auth): boolean {
    const path = [...t.segments.slice(0, -1), "review-new"].join("/");
    const data = toValue(sampleDocument(t.model, uid ?? OWNER)) as RMap;
    return this.allowed({ method: "create", path, auth: authOf(uid), data });
  }

  change(t: ModelTarget, uid: Auth, method: "update" | "delete"): boolean {
    const stored = this.stored.get(t.segments.join("/"));
    const resource = toValue(stored) as RMap;
    const data = toValue({ ...stored, updatedAt: PROBE_TIME }) as RMap;
    return this.allowed({
      method,
      path: t.segments.join("/"),
      auth: authOf(uid),
      resource,
      ...(method === "update" ? { data } : {}),
    });
  }
}

/**
 * Runs the requests the plan's access policies must refuse, for each model the static audit
 * did not already report: a signed-out read (unless anyone may read) and create (unless the
 * model is public); another user's read or owner-filtered list of an `owner` model; another
 * signed-in user, holding no role, updating or deleting the owner's document.
 */
export function probeFirestore(
  rules: LoadedRules,
  targets: readonly ModelTarget[],
  skip: ReadonlySet<string>,
): string[] {
  const prober = new Prober(rules, targets);
  const findings: string[] = [];
  for (const t of targets) {
    const { name, access } = t.model;
    if (skip.has(name) || access.kind === "public") continue;
    const says = (what: string) =>
      `rules: ${rules.file} lets ${what} ${name} document (${t.pattern}); ${name} access is "${access.kind}"`;
    if (access.kind !== "public-read" && prober.read(t, null))
      findings.push(says("a signed-out user read a"));
    if (prober.create(t, null)) findings.push(says("a signed-out user create a"));
    const ownerField = ownerFieldOf(t.model);
    if (
      access.kind === "owner" &&
      (prober.read(t, OTHER) || (ownerField !== undefined && prober.list(t, OTHER, ownerField)))
    )
      findings.push(says("a signed-in user read another user's"));
    const changes = (["update", "delete"] as const).filter((m) => prober.change(t, OTHER, m));
    if (changes.length > 0)
      findings.push(
        says(`another signed-in user (not the owner, no role) ${changes.join(" and ")} a`),
      );
  }
  return findings;
}
