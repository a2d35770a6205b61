import type { AppPlan, PlannedFunction } from "@winky/planner";
import type { ModelInfo } from "../analyze.js";
import { documentPathPattern } from "./paths.js";
import { cronOf } from "./schedule.js";

/** Whose uid a notification goes to, read from the changed document or one it points at. */
export type Recipient =
  | { from: "parent"; model: ModelInfo; ownerField: string }
  | { from: "reference"; field: string; model: ModelInfo; ownerField: string }
  | { from: "field"; field: string }
  | { from: "owner"; field: string };

/** What a planned function's generated source does. */
export type Recipe =
  | {
      kind: "checkout";
      cart: ModelInfo;
      productField: string;
      product: ModelInfo;
      priceField: string;
      quantityField: string | undefined;
      order: ModelInfo | undefined;
    }
  | { kind: "notify"; source: ModelInfo; recipient: Recipient; actorField: string | undefined }
  | { kind: "profile"; profile: ModelInfo | undefined }
  /** Grants or removes one of `roles` (the plan's `auth.roles`) as the `roles` custom claim. */
  | { kind: "setRole"; roles: string[] }
  | { kind: "schedule" }
  | { kind: "callable" }
  | { kind: "document"; source: ModelInfo | undefined }
  | { kind: "auth" };

export interface FunctionInfo {
  fn: PlannedFunction;
  recipe: Recipe;
  /** The deploy trigger, as `winky.json` and the runtime's functions API take it. */
  trigger: Record<string, string>;
}

/** Where notification documents go and which fields they use. */
export interface NotificationsInfo {
  collection: string;
  /** The plan's own model for that collection, when it has one; else the app's built-in one. */
  model: ModelInfo | undefined;
  recipientField: string;
  messageField: string;
  linkField: string | undefined;
  readField: string | undefined;
}

const NOTIFY = /notif|alert|inform|tell|ping/i;
const CHECKOUT = /check\s?out|place.*order|purchase|\bbuy|\bpay/i;
/** `setUserRole`, "grants or removes a role": managing roles, not using one. */
const SET_ROLE_NAME = /^(set|grant|assign|revoke|remove|change)\w*roles?$/i;
const SET_ROLE_PURPOSE = /\b(grant|revoke)s?\b[^.]*\broles?\b/i;

/** Decides each planned function's recipe and trigger, and what they write. */
export function findRecipes(
  plan: AppPlan,
  byName: ReadonlyMap<string, ModelInfo>,
): {
  functions: FunctionInfo[];
  notifications: NotificationsInfo | undefined;
  serverWritten: string[];
} {
  const models = [...byName.values()];
  const serverWritten: string[] = [];
  const functions = plan.functions.map((fn): FunctionInfo => {
    const text = `${fn.name} ${fn.purpose}`;
    const t = fn.trigger;
    switch (t.kind) {
      case "callable": {
        // Roles are only claims when the plan has some (its rules check them by name).
        if (
          plan.auth.roles.length > 0 &&
          (SET_ROLE_NAME.test(fn.name) || SET_ROLE_PURPOSE.test(fn.purpose))
        ) {
          const recipe: Recipe = { kind: "setRole", roles: [...plan.auth.roles] };
          return { fn, recipe, trigger: { kind: "callable" } };
        }
        const recipe = CHECKOUT.test(text) ? checkoutRecipe(models) : undefined;
        if (recipe?.order) serverWritten.push(recipe.order.name);
        return { fn, recipe: recipe ?? { kind: "callable" }, trigger: { kind: "callable" } };
      }
      case "document": {
        const source = byName.get(t.model);
        const trigger = {
          kind: "document",
          event: t.event,
          path: source ? documentPathPattern(source) : `${t.model}/{id}`,
        };
        const wantsNotify = NOTIFY.test(text) || plan.features.includes("notifications");
        const recipient = source && wantsNotify ? recipientOf(source, models) : undefined;
        const recipe: Recipe =
          source && recipient
            ? { kind: "notify", source, recipient, actorField: source.ownerField }
            : { kind: "document", source };
        return { fn, recipe, trigger };
      }
      case "auth": {
        const profile = models.find(
          (m) => /profile|user|member|account/i.test(m.name) && !m.model.parent && m.ownerField,
        );
        const recipe: Recipe =
          t.event === "create" ? { kind: "profile", profile } : { kind: "auth" };
        return { fn, recipe, trigger: { kind: "auth", event: t.event } };
      }
      case "schedule":
        return {
          fn,
          recipe: { kind: "schedule" },
          trigger: { kind: "schedule", schedule: cronOf(t.schedule) },
        };
    }
  });
  const notifications = functions.some((f) => f.recipe.kind === "notify")
    ? notificationsOf(models)
    : undefined;
  if (notifications?.model) serverWritten.push(notifications.model.name);
  return { functions, notifications, serverWritten };
}

function numberField(model: ModelInfo, pattern: RegExp): string | undefined {
  return model.model.fields.find((f) => f.type === "number" && pattern.test(f.name))?.name;
}

function checkoutRecipe(models: ModelInfo[]): Extract<Recipe, { kind: "checkout" }> | undefined {
  const carts = [...models].sort(
    (a, b) => Number(/cart|basket|bag/i.test(b.name)) - Number(/cart|basket|bag/i.test(a.name)),
  );
  for (const cart of carts) {
    if (!cart.ownerField || cart.model.parent) continue;
    for (const field of cart.fields) {
      const product =
        field.type === "reference" ? models.find((m) => m.name === field.references) : undefined;
      const priceField = product && numberField(product, /price|cost|amount/i);
      if (!product || !priceField || product.model.parent) continue;
      const order = models.find(
        (m) => m !== cart && /order|purchase/i.test(m.name) && m.ownerField && !m.model.parent,
      );
      return {
        kind: "checkout",
        cart,
        productField: field.name,
        product,
        priceField,
        quantityField: numberField(cart, /quantity|qty|count/i),
        order,
      };
    }
  }
  return undefined;
}

function recipientOf(source: ModelInfo, models: ModelInfo[]): Recipient | undefined {
  const parent = source.ancestors.at(-1);
  if (parent?.ownerField) return { from: "parent", model: parent, ownerField: parent.ownerField };
  for (const field of source.fields) {
    const target =
      field.type === "reference" ? models.find((m) => m.name === field.references) : undefined;
    if (target?.ownerField && !target.model.parent) {
      return { from: "reference", field: field.name, model: target, ownerField: target.ownerField };
    }
  }
  const named = source.model.fields.find(
    (f) =>
      /^(recipient|assignee|assignedTo|to|userId)/.test(f.name) &&
      (f.type === "string" || f.type === "reference"),
  );
  if (named) return { from: "field", field: named.name };
  return source.ownerField ? { from: "owner", field: source.ownerField } : undefined;
}

function notificationsOf(models: ModelInfo[]): NotificationsInfo {
  const model = models.find((m) => m.model.collection === "notifications" && !m.model.parent);
  if (!model) {
    return {
      collection: "notifications",
      model: undefined,
      recipientField: "recipientId",
      messageField: "message",
      linkField: "link",
      readField: "read",
    };
  }
  const field = (pattern: RegExp, ...types: string[]) =>
    model.fields.find((f) => types.includes(f.type) && pattern.test(f.name))?.name;
  return {
    collection: "notifications",
    model,
    recipientField: model.ownerField ?? "recipientId",
    messageField: field(/./, "string", "text", "markdown") ?? "message",
    linkField: field(/link|url|href/i, "string", "url"),
    readField: field(/read|seen/i, "boolean"),
  };
}
