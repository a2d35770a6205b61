import type { AppModel, ModelInfo } from "../analyze.js";

/** What one plain-English step of a smoke scenario does in the browser. */
export type SmokeAction =
  | { kind: "sign-up" }
  | { kind: "sign-in"; roles: string[] }
  /** "sign in as user B", "as another user": a second, new account. */
  | { kind: "switch-user" }
  | { kind: "sign-out" }
  /** "open /path": a model's create route starts a form that `fill` and `save` complete. */
  | { kind: "open"; path: string; form?: ModelInfo; list?: ModelInfo }
  | { kind: "fill"; label: string; value?: string }
  | { kind: "save" }
  /** "open the same page in two signed-in browsers": a second tab of the same session. */
  | { kind: "second-page" }
  | { kind: "denied" }
  | { kind: "see-admin" }
  | {
      kind: "create";
      model: ModelInfo;
      title?: string;
      tags: string[];
      numbers: Record<string, string>;
      upload: boolean;
      /** Field values by label ("fill "Title" with …"); `undefined`: any valid value. */
      given?: Map<string, string | undefined>;
    }
  | {
      kind: "see";
      model: ModelInfo;
      title?: string;
      /** "see no …": the list loads without it. */
      absent?: boolean;
      /** "on its page": the detail page of the document created last. */
      onPage?: boolean;
      /** "in the other": on the second page, without reloading. */
      other?: boolean;
      /** "on the room's page": listed on the page of this (parent) document. */
      pageOf?: ModelInfo;
    }
  /** "see a notification": the signed-in user's notifications list it. */
  | { kind: "see-notification" }
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

/**
 * `tagged "smoke"`, `tag "smoke"`, `tagged with #smoke` (group 1–3: the tag) — or, in the
 * second alternative, a quoted text, matched whole so a tag word inside it is not read.
 */
const TAG_OR_QUOTE =
  /\b(?:tagged|tag)\s+(?:with\s+)?(?:the\s+tag\s+)?(?:"([^"]+)"|“([^”]+)”|#?([\w-]+))|"[^"]*"|“[^”]*”/gi;
/** `as "Image"`: a quoted field label, not a title. */
const AS_FIELD = /\b(?:as|in|into)\s+(?:"[^"]+"|“[^”]+”)/gi;
const NOT_TAGS = new Set(["the", "a", "an", "that", "this", "with"]);

function tagsIn(step: string): string[] {
  const tags = [...step.matchAll(TAG_OR_QUOTE)]
    .map((m) => m[1] ?? m[2] ?? m[3])
    .filter((t): t is string => t !== undefined)
    .map((t) => t.toLowerCase().replace(/^#/, ""))
    .filter((t) => !NOT_TAGS.has(t));
  return [...new Set(tags)];
}

/** The title a step gives, leaving out quoted tags and `as "Field"` labels. */
function titleIn(step: string): string | undefined {
  const untagged = step.replace(TAG_OR_QUOTE, (m, a, b, c) =>
    a === undefined && b === undefined && c === undefined ? m : " ",
  );
  return quoted(untagged.replace(AS_FIELD, " "));
}

/**
 * Splits "sign out and sign in as user B" into the steps it chains; an "and" that does not
 * start another action ("a note and no untagged ones") stays.
 */
export function splitStep(step: string): string[] {
  return step
    .split(
      /\s+and\s+(?=(?:then\s+)?(?:sign|log|create|add|open|see|fill|save|search|filter|check|edit|delete|remove)\b)/i,
    )
    .map((s) => s.trim())
    .filter(Boolean);
}

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
  const form = formStep(app, step);
  if (form) return form;
  const kind = verbOf(step);
  if (kind === "sign-in") {
    if (/\b(?:user b|another user|a second user|a different user|the other user)\b/i.test(step))
      return { kind: "switch-user" };
    const role = /\bwith (?:the |an? )?([\w-]+) role\b/i.exec(step)?.[1];
    return { kind, roles: role && app.plan.auth.roles.includes(role) ? [role] : [] };
  }
  if (kind === "sign-up" || kind === "sign-out" || kind === "checkout") {
    return kind === "checkout" && !app.functions.some((f) => f.recipe.kind === "checkout")
      ? { kind: "manual", step }
      : { kind };
  }
  if (kind === "see" && /\b(?:access is denied|not allowed|is refused)\b/i.test(step))
    return { kind: "denied" };
  if (kind === "see" && app.admin && /\bthe admin (?:screen|page|panel)\b/i.test(step))
    return { kind: "see-admin" };
  if (
    kind === "see" &&
    app.notifications &&
    !app.notifications.model &&
    /\bnotification/i.test(step)
  )
    return { kind: "see-notification" };
  const checkout = app.functions.find((f) => f.recipe.kind === "checkout")?.recipe;
  const toCart = /\b(?:to|in|into) (?:the |my |a )?(?:cart|basket|bag)\b/i.test(step);
  const model =
    checkout?.kind === "checkout" && toCart && kind === "create"
      ? checkout.cart
      : (modelIn(app, step) ?? fallback);
  if (kind === "see" && !model) {
    const at = /\bat (\/[\w\-/]*)\s*$/.exec(step)?.[1];
    if (at) return { kind: "open", path: at };
  }
  if (!kind || !model) return { kind: "manual", step };
  const title = kind === "create" ? titleIn(step) : quoted(step);
  switch (kind) {
    case "create": {
      const tags = tagsIn(step);
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
      const before = /#?([\w-]+)\s+tag\b/i.exec(step)?.[1];
      const name =
        tagsIn(step)[0] ??
        title ??
        (before && !NOT_TAGS.has(before.toLowerCase()) ? before : undefined);
      return name && model.tagField
        ? { kind, model, tag: name.toLowerCase() }
        : { kind: "see", model };
    }
    case "see": {
      const absent = /\b(?:sees? no|not see|see nothing|no longer see)\b/i.test(step);
      const onPage = /\bon (?:its|the \w+'s|the) page\b/i.test(step);
      const other = /\bin the other\b/i.test(step);
      const owner = /\bon the ([\w ]+?)'s page\b/i.exec(step)?.[1]?.toLowerCase();
      const pageOf = owner
        ? app.models.find((m) => m !== model && [m.label, m.name.toLowerCase()].includes(owner))
        : undefined;
      return {
        kind,
        model,
        ...(title ? { title } : {}),
        ...(absent ? { absent } : {}),
        ...(onPage ? { onPage } : {}),
        ...(other ? { other } : {}),
        ...(pageOf ? { pageOf } : {}),
      };
    }
    case "edit":
      return { kind, model, ...(title ? { title } : {}) };
    case "delete":
      return { kind, model };
    default:
      return { kind: "manual", step };
  }
}

/** The verb said first ("see the new order": a look, not a creation); ties go by `VERBS`. */
function verbOf(step: string): SmokeAction["kind"] | undefined {
  let best: { kind: SmokeAction["kind"]; at: number } | undefined;
  for (const [kind, re] of VERBS) {
    const at = re.exec(step)?.index;
    if (at !== undefined && (!best || at < best.at)) best = { kind, at };
  }
  return best?.kind;
}

/** Steps that drive a form by hand: "open /notes/new", "fill "Title" with …", "save". */
function formStep(app: AppModel, step: string): SmokeAction | undefined {
  if (/^(?:open|go to|visit)\s+the same page in two\b/i.test(step)) return { kind: "second-page" };
  const open = /^(?:open|go to|visit|navigate to)\s+(\/[\w\-/]*)$/i.exec(step.trim());
  if (open) {
    const path = open[1]!;
    // Every scenario starts signed up; opening the sign-up form is part of that.
    if (path === "/sign-up") return { kind: "sign-up" };
    const form = app.models.find((m) => !m.serverWritten && m.routes.create.pattern === path);
    const list = app.models.find((m) => m.routes.list.pattern === path);
    return { kind: "open", path, ...(form ? { form } : {}), ...(list ? { list } : {}) };
  }
  const fill =
    /^(?:fill(?: in)?|enter|type)\s+(?:"([^"]+)"|“([^”]+)”)\s+(?:with|as)\s+(?:"([^"]*)"|“([^”]*)”|.+)$/i.exec(
      step.trim(),
    );
  if (fill) {
    const value = fill[3] ?? fill[4];
    return {
      kind: "fill",
      label: (fill[1] ?? fill[2])!,
      ...(value !== undefined ? { value } : {}),
    };
  }
  if (/^(?:save|submit)(?: the form| it)?$/i.test(step.trim())) return { kind: "save" };
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
