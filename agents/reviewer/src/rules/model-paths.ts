import type { AppPlan, Field, Model } from "@winky/planner";
import { RLatLng, RTimestamp } from "@winky/rules";

/** Who the probes act as. */
export const OWNER = "review-owner";
export const OTHER = "review-other";
/** 2030-01-01T00:00:00Z: a fixed clock, so probes decide the same way every run. */
export const PROBE_TIME = new RTimestamp(1_893_456_000, 0);

/** A plan model where the rules will see it: its document path, concrete and as a pattern. */
export interface ModelTarget {
  model: Model;
  /** Below the documents root: `rooms/review-room/messages/review-message`. */
  segments: string[];
  /** For findings: `rooms/{roomId}/messages/{messageId}`. */
  pattern: string;
}

/** The plan's models with their paths, parents first along each chain (`parent` models nest). */
export function modelTargets(plan: AppPlan): ModelTarget[] {
  const byName = new Map(plan.models.map((m) => [m.name, m]));
  return plan.models.map((model) => {
    const chain: Model[] = [model];
    for (let p = byName.get(model.parent ?? ""); p && !chain.includes(p);) {
      chain.unshift(p);
      p = byName.get(p.parent ?? "");
    }
    const id = (m: Model) => `${m.name.charAt(0).toLowerCase()}${m.name.slice(1)}Id`;
    return {
      model,
      segments: chain.flatMap((m) => [m.collection, `review-${m.name.toLowerCase()}`]),
      pattern: chain.map((m) => `${m.collection}/{${id(m)}}`).join("/"),
    };
  });
}

/**
 * The field holding the owner's uid: the plan's, or `ownerId` where the policy has owners
 * (what the coder falls back to).
 */
export function ownerFieldOf(model: Model): string | undefined {
  if (model.ownerField) return model.ownerField;
  const { kind, roles } = model.access;
  return kind === "owner" || kind === "shared" || (kind === "public-read" && !roles)
    ? "ownerId"
    : undefined;
}

function sampleValue(field: Field, collection: string): unknown {
  switch (field.type) {
    case "number":
      return 1;
    case "boolean":
      return true;
    case "date":
      return "2030-01-01";
    case "datetime":
      return PROBE_TIME;
    case "email":
      return "ada@example.com";
    case "url":
      return "https://example.com";
    case "image":
    case "file":
      return `users/${OWNER}/${collection}/1-sample.png`;
    case "tags":
      return ["sample"];
    case "enum":
      return field.options?.[0] ?? "sample";
    case "reference":
      return "review-reference";
    case "geopoint":
      return new RLatLng(51.5, -0.1);
    default:
      return "Sample";
  }
}

/**
 * A plausible document of the model, owned by `owner`: every field with a value of its type,
 * timestamps, the owner field. Valid data makes a denial mean "not allowed", not "malformed".
 */
export function sampleDocument(model: Model, owner: string): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const f of model.fields) doc[f.name] = sampleValue(f, model.collection);
  const ownerField = ownerFieldOf(model);
  if (ownerField) doc[ownerField] = owner;
  doc.createdAt = PROBE_TIME;
  doc.updatedAt = PROBE_TIME;
  return doc;
}
