import type { AppPlan, Model, Screen } from "@winky/planner";

/**
 * Where the coder puts a plan's parts (`@winky/coder`'s README and naming): the review checks
 * the same paths. The tests pin these against `plannedFiles(plan)` so a change in the coder's
 * layout fails here rather than passing unnoticed.
 */

/** `CartItem` or `cartItems` → `cart-items` (the coder's `kebab`). */
export function kebab(identifier: string): string {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
    .toLowerCase();
}

export type ModelScreenKind = "list" | "detail" | "create" | "edit";

/** `src/models/cart-item.ts`. */
export function modelPath(model: Model): string {
  return `src/models/${kebab(model.name)}.ts`;
}

/** `src/data/cart-item.ts`. */
export function dataPath(model: Model): string {
  return `src/data/${kebab(model.name)}.ts`;
}

/** `src/screens/cart-items/cart-item-list.tsx`. */
export function screenPath(model: Model, kind: ModelScreenKind): string {
  return `src/screens/${kebab(model.collection)}/${kebab(model.name)}-${kind}.tsx`;
}

/** The files that register routes: the plan's screens, then the auth screens of the templates. */
export const ROUTER_FILES = ["src/routes.tsx", "src/app.tsx"] as const;

/**
 * The route the coder registers for a plan screen when it does not use the plan's own: the
 * canonical `/rooms/:roomId/messages/new` (the plan's route is kept when its `:params` fit).
 */
export function fallbackRoute(plan: AppPlan, screen: Screen): string {
  switch (screen.kind) {
    case "sign-in":
      return "/sign-in";
    case "sign-up":
      return "/sign-up";
    case "dashboard":
      return "/";
    case "admin":
      return "/admin";
    default:
      return canonicalModelRoute(plan, screen.model ?? "", screen.kind);
  }
}

function canonicalModelRoute(plan: AppPlan, name: string, kind: ModelScreenKind): string {
  const byName = new Map(plan.models.map((m) => [m.name, m]));
  const chain: Model[] = [];
  for (let m = byName.get(name); m && !chain.includes(m); m = byName.get(m.parent ?? ""))
    chain.unshift(m);
  const self = chain[chain.length - 1];
  if (!self) return "";
  const id = (m: Model) => `:${m.name.charAt(0).toLowerCase()}${m.name.slice(1)}Id`;
  const base = chain
    .slice(0, -1)
    .map((a) => `/${kebab(a.collection)}/${id(a)}`)
    .concat(`/${kebab(self.collection)}`)
    .join("");
  if (kind === "list") return base;
  if (kind === "create") return `${base}/new`;
  return kind === "detail" ? `${base}/${id(self)}` : `${base}/${id(self)}/edit`;
}

/** Every `path: "…"` and `path="…"` in the router files: the routes the app registers. */
export function registeredRoutes(sources: readonly string[]): Set<string> {
  const routes = new Set<string>();
  for (const source of sources) {
    for (const m of source.matchAll(/\bpath\s*[:=]\s*\{?\s*["'`]([^"'`]+)["'`]/g))
      routes.add(normaliseRoute(m[1]!));
  }
  return routes;
}

/** `/notes/` → `/notes`; `/` stays. */
export function normaliseRoute(route: string): string {
  return route.length > 1 ? route.replace(/\/+$/, "") : route;
}
