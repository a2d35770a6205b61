import type { AppPlan } from "../src/plan-schema.js";
import { isPlanError } from "../src/plan-error.js";
import { validatePlan } from "../src/validate-plan.js";

/** A small, valid plan: a private notes model with an image, a shared room, an admin role. */
export function validPlan(): AppPlan {
  return {
    version: 1,
    appName: "team-notes",
    title: "Team Notes",
    summary: "Notes and a room.",
    theme: { primary: "#4f46e5", accent: "#f59e0b", mode: "light", style: "clean" },
    auth: { providers: ["email"], roles: ["admin"] },
    models: [
      {
        name: "Note",
        collection: "notes",
        fields: [
          { name: "title", label: "Title", type: "string", required: true },
          { name: "image", label: "Image", type: "image", required: false },
          { name: "room", label: "Room", type: "reference", references: "Room", required: false },
          { name: "ownerId", label: "Owner", type: "string", required: true },
        ],
        ownerField: "ownerId",
        access: { kind: "owner" },
        realtime: false,
      },
      {
        name: "Room",
        collection: "rooms",
        fields: [{ name: "name", label: "Name", type: "string", required: true }],
        access: { kind: "role", roles: ["admin"] },
        realtime: false,
      },
    ],
    screens: [
      { route: "/sign-in", kind: "sign-in", title: "Sign in" },
      { route: "/", kind: "dashboard", title: "Dashboard" },
      { route: "/notes", kind: "list", model: "Note", title: "Notes" },
      { route: "/notes/:id", kind: "detail", model: "Note", title: "Note" },
    ],
    functions: [
      {
        name: "notifyNewNote",
        purpose: "Says hello.",
        trigger: { kind: "document", event: "create", model: "Note" },
      },
    ],
    storage: { enabled: true, uploads: ["note images"], maxFileMb: 10, contentTypes: ["image/*"] },
    features: ["uploads"],
    seed: [{ model: "Note", data: { title: "Hello" } }],
    smoke: [{ name: "Sign up", steps: ["open /sign-up"] }],
    assumptions: [],
  };
}

/** The paths `validatePlan` reports for the valid plan changed by `change` (none if it passes). */
export function pathsOf(change: (p: AppPlan) => void): string[] {
  const plan = validPlan();
  change(plan);
  try {
    validatePlan(plan);
  } catch (e) {
    if (isPlanError(e)) return e.issues.map((i) => i.path);
    throw e;
  }
  return [];
}
