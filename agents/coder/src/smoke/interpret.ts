import type { AppModel, ModelInfo } from "../analyze.js";
import type { SmokeAction } from "./smoke-action.js";
import { NOT_TAGS, modelIn, numbersIn, quoted, tagsIn, titleIn, verbOf } from "./step-text.js";

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
      const numbers = numbersIn(model, step);
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
