import type { AppPlan, Model, Screen } from "../plan-schema.js";
import { kebabCase, labelOf, plural } from "./words.js";

/**
 * Screens: sign-in (and sign-up for email), a dashboard at "/", list/detail/create/edit for
 * each top-level model, and an admin screen when the prompt asks for an admin panel. A child
 * model's documents show on its parent's detail screen ("a room shows its messages").
 */
export function planScreens(
  models: readonly Model[],
  auth: AppPlan["auth"],
  adminPanel: boolean,
): Screen[] {
  const screens: Screen[] = [];
  if (auth.providers.some((p) => p !== "anonymous"))
    screens.push({ route: "/sign-in", kind: "sign-in", title: "Sign in" });
  if (auth.providers.includes("email"))
    screens.push({ route: "/sign-up", kind: "sign-up", title: "Create account" });
  screens.push({ route: "/", kind: "dashboard", title: "Dashboard" });
  for (const m of models.filter((m) => !m.parent)) {
    const base = `/${kebabCase(m.collection)}`;
    const one = labelOf(m.name);
    screens.push(
      { route: base, kind: "list", model: m.name, title: cap(plural(one.toLowerCase())) },
      { route: `${base}/new`, kind: "create", model: m.name, title: `New ${one.toLowerCase()}` },
      { route: `${base}/:id`, kind: "detail", model: m.name, title: one },
      {
        route: `${base}/:id/edit`,
        kind: "edit",
        model: m.name,
        title: `Edit ${one.toLowerCase()}`,
      },
    );
  }
  if (adminPanel) screens.push({ route: "/admin", kind: "admin", title: "Admin" });
  return screens.slice(0, 80);
}

function cap(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}
