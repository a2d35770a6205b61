import { AdminApiError, type AdminClient } from "@winky/admin-client";
import type { AppPlan } from "@winky/planner";

type Model = AppPlan["models"][number];
type Field = Model["fields"][number];

/** The uid seed documents are owned by: no account has it, so nobody can edit them as theirs. */
export const SEED_OWNER = "winky-seed";
/** Written with the seeds, in the same commit: a project is seeded once, ever. */
export const SEED_MARKER = "_winky/seed";
/** Field types a seed cannot fill (uploads, ids of other documents). */
const UNFILLABLE = new Set(["image", "file", "reference"]);

export interface SeedPlan {
  /** Firestore wire-form writes, the marker last. */
  writes: Array<Record<string, unknown>>;
  /** Models left unseeded, each with why. */
  skipped: string[];
}

/**
 * The plan's seed documents as writes into the app's project. Only models others can see are
 * seeded (a private model's sample would belong to nobody and show to nobody); a model with a
 * required upload or reference is skipped; a child model's seeds go under its parent's first
 * seed. Ids are `seed-1`, `seed-2`…; each write requires the document not to exist.
 */
export function seedPlan(plan: AppPlan, projectId: string): SeedPlan {
  const writes: Array<Record<string, unknown>> = [];
  const skipped: string[] = [];
  /** Where each seeded model's first document is, for its children. */
  const firstPath = new Map<string, string>();
  for (const model of parentsFirst(plan.models)) {
    const why = skipReason(model, plan, firstPath);
    if (why) {
      skipped.push(`${model.name}: ${why}`);
      continue;
    }
    const base = model.parent ? `${firstPath.get(model.parent)}/` : "";
    const seeds = plan.seed.filter((s) => s.model === model.name);
    seeds.forEach((seed, i) => {
      const path = `${base}${model.collection}/seed-${i + 1}`;
      if (i === 0) firstPath.set(model.name, path);
      const fields: Record<string, unknown> = {};
      for (const field of model.fields) {
        const value = field.name === model.ownerField ? SEED_OWNER : seed.data[field.name];
        const encoded = value === undefined ? undefined : encodeValue(field, value);
        if (encoded) fields[field.name] = encoded;
      }
      writes.push({
        update: { name: documentName(projectId, path), fields },
        currentDocument: { exists: false },
      });
    });
  }
  if (writes.length > 0) {
    writes.push({
      update: {
        name: documentName(projectId, SEED_MARKER),
        fields: { documents: { integerValue: String(writes.length) } },
      },
      currentDocument: { exists: false },
    });
  }
  return { writes, skipped };
}

/**
 * Seeds the project on its first deploy: one atomic commit of the seeds and the marker, so a
 * deploy after that (or a resumed one) writes nothing, and a seed a person deleted stays deleted.
 *
 * @returns how many documents were written (0 when the project was seeded before).
 */
export async function seedApp(
  admin: AdminClient,
  project: string,
  plan: AppPlan,
): Promise<{ seeded: number; skipped: string[] }> {
  const { writes, skipped } = seedPlan(plan, project);
  if (writes.length === 0) return { seeded: 0, skipped };
  try {
    await admin.commitDocuments(project, writes);
  } catch (e) {
    // The marker (or a seed) exists already: this project has had its seeds.
    if (e instanceof AdminApiError && e.code === "already-exists") return { seeded: 0, skipped };
    throw e;
  }
  return { seeded: writes.length - 1, skipped };
}

function skipReason(model: Model, plan: AppPlan, seeded: ReadonlyMap<string, string>) {
  if (model.access.kind === "owner") return "private to each user";
  if (model.parent && !seeded.has(model.parent)) return `its parent ${model.parent} has no seeds`;
  const blocked = model.fields.find((f) => f.required && UNFILLABLE.has(f.type));
  if (blocked) return `its required ${blocked.type} field '${blocked.name}' cannot be seeded`;
  if (!plan.seed.some((s) => s.model === model.name)) return "the plan has no seeds for it";
  return undefined;
}

function parentsFirst(models: readonly Model[]): Model[] {
  const depth = (m: Model): number => {
    const parent = models.find((p) => p.name === m.parent);
    return parent ? 1 + depth(parent) : 0;
  };
  return [...models].sort((a, b) => depth(a) - depth(b));
}

/** A seed value as the generated app writes the field; undefined when it does not fit. */
function encodeValue(field: Field, value: unknown): Record<string, unknown> | undefined {
  if (UNFILLABLE.has(field.type)) return undefined;
  switch (field.type) {
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
      return Number.isInteger(value) ? { integerValue: String(value) } : { doubleValue: value };
    case "boolean":
      return typeof value === "boolean" ? { booleanValue: value } : undefined;
    case "datetime":
      return typeof value === "string" && !Number.isNaN(Date.parse(value))
        ? { timestampValue: new Date(value).toISOString() }
        : undefined;
    case "tags":
      return Array.isArray(value) && value.every((v) => typeof v === "string")
        ? { arrayValue: { values: value.map((v) => ({ stringValue: v })) } }
        : undefined;
    case "geopoint": {
      const g = value as { lat?: unknown; lng?: unknown };
      return typeof g?.lat === "number" && typeof g.lng === "number"
        ? { geoPointValue: { latitude: g.lat, longitude: g.lng } }
        : undefined;
    }
    default:
      return typeof value === "string" ? { stringValue: value } : undefined;
  }
}

function documentName(projectId: string, path: string): string {
  return `projects/${projectId}/databases/(default)/documents/${path}`;
}
