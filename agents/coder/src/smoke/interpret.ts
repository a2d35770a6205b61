import type { AppModel, ModelInfo } from "../analyze.js";

/** What one plain-English step of a smoke scenario does in the browser. */
export type SmokeAction =
  | { kind: "sign-up" }
  | { kind: "sign-in" }
  | { kind: "sign-out" }
  | {
      kind: "create";
      model: ModelInfo;
      title?: string;
      tags: string[];
      numbers: Record<string, string>;
      upload: boolean;
    }
  | { kind: "see"; model: ModelInfo; title?: string }
  | { kind: "edit"; model: ModelInfo; title?: string }
  | { kind: "delete"; model: ModelInfo }
  | { kind: "search"; model: ModelInfo; text: string }
  | { kind: "filter-tag"; model: ModelInfo; tag: string }
  | { kind: "checkout" }
  | { kind: "manual"; step: string };

const VERBS: Array<[SmokeAction["kind"], RegExp]> = [
  ["sign-up", /\bsign(?:s|ed|ing)?[ -]?up\b|\bregister|\bcreates? an account/i],
  ["sign-out", /\bsign(?:s|ed)?[ -]?out\b|\blog(?:s|ged)?[ -]?out\b/i],
  ["sign-in", /\bsign(?:s|ed)?[ -]?in\b|\blog(?:s|ged)?[ -]?in\b/i],
  ["checkout", /\bcheck(?:s|ed)?[ -]?out\b|\bplaces? (?:an |the )?order\b|\bpays?\b/i],
  ["search", /\bsearch|\bfinds?\b/i],
  ["filter-tag", /\bfilter/i],
  ["delete", /\bdelete|\bremove/i],
  ["edit", /\bedit|\brename|\bupdate|\bchange/i],
  ["create", /\bcreate|\badd|\bpost|\bwrite|\bsend|\bnew\b|\bupload|\bmake|\bstart|\bopen a\b/i],
  ["see", /\bsees?\b|\bview|\bopen|\blist|\bshows?\b|\bappears?|\bvisible|\bbrowse|\bread/i],
];

/** The text in quotes, or after "titled"/"named"/"called", if the step names one. */
export function quoted(step: string): string | undefined {
  const q = /"([^"]+)"|“([^”]+)”/.exec(step);
  if (q) return (q[1] ?? q[2])!.trim();
  const named =
    /\b(?:titled|named|called|saying)\s+([^,.;"]+?)(?:\s+(?:with|and|in|to|for)\b|[,.;]|$)/i.exec(
      step,
    );
  return named?.[1]?.trim();
}

/** The model a step talks about: the longest of its names found in the step. */
function modelIn(app: AppModel, step: string): ModelInfo | undefined {
  const lower = step.toLowerCase();
  const candidates = app.models.flatMap((m) =>
    [m.plural, m.label, m.model.collection.toLowerCase(), m.name.toLowerCase()].map((name) => ({
      m,
      name,
    })),
  );
  candidates.sort((a, b) => b.name.length - a.name.length);
  return candidates.find(({ name }) => new RegExp(`\\b${escapeRegExp(name)}\\b`).test(lower))?.m;
}

/**
 * Reads a step into an action; `manual` when it cannot be automated. A step naming no model
 * ("search for …") is about `fallback`, the model of the step before.
 */
export function interpretStep(app: AppModel, step: string, fallback?: ModelInfo): SmokeAction {
  const kind = VERBS.find(([, re]) => re.test(step))?.[0];
  if (kind === "sign-up" || kind === "sign-in" || kind === "sign-out" || kind === "checkout") {
    return kind === "checkout" && !app.functions.some((f) => f.recipe.kind === "checkout")
      ? { kind: "manual", step }
      : { kind };
  }
  const checkout = app.functions.find((f) => f.recipe.kind === "checkout")?.recipe;
  const toCart = /\b(?:to|in|into) (?:the |my |a )?(?:cart|basket|bag)\b/i.test(step);
  const model =
    checkout?.kind === "checkout" && toCart && kind === "create"
      ? checkout.cart
      : (modelIn(app, step) ?? fallback);
  if (!kind || !model) return { kind: "manual", step };
  const title = quoted(step);
  switch (kind) {
    case "create": {
      const tags = [...step.matchAll(/\btag(?:ged)?\s+(?:with\s+)?#?([\w-]+)/gi)].map((m) =>
        m[1]!.toLowerCase(),
      );
      const numbers: Record<string, string> = {};
      for (const f of model.fields.filter((f) => f.type === "number")) {
        const re = new RegExp(
          `\\b(?:${escapeRegExp(f.label)}|${f.name})\\s*(?:of|=|:|is)?\\s*\\$?(\\d+(?:\\.\\d+)?)`,
          "i",
        );
        const found = re.exec(step);
        if (found) numbers[f.name] = found[1]!;
      }
      const upload = /\bimage|\bphoto|\bpicture|\bupload|\battach/i.test(step);
      return { kind, model, ...(title ? { title } : {}), tags, numbers, upload };
    }
    case "search":
      return title ? { kind, model, text: title } : { kind: "see", model };
    case "filter-tag": {
      const tag = /#?([\w-]+)\s+tag\b|\btag\s+#?([\w-]+)/i.exec(step);
      const name = tag?.[1] ?? tag?.[2] ?? title;
      return name && model.tagField
        ? { kind, model, tag: name.toLowerCase() }
        : { kind: "see", model };
    }
    case "see":
    case "edit":
      return { kind, model, ...(title ? { title } : {}) };
    case "delete":
      return { kind, model };
    default:
      return { kind: "manual", step };
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
