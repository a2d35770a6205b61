import type { AppPlan } from "@winky/planner";

/** A plan as the planner makes it for "a notes app with email login, markdown, tags, images". */
export const NOTES_PLAN: AppPlan = {
  version: 1,
  appName: "notes",
  title: "Notes",
  summary: "Private notes with markdown, tags and images.",
  theme: { primary: "#3b5bdb", accent: "#f59f00", mode: "light", style: "clean" },
  auth: { providers: ["email"], roles: [] },
  models: [
    {
      name: "Note",
      collection: "notes",
      fields: [
        { name: "title", label: "Title", type: "string", required: true },
        { name: "body", label: "Body", type: "markdown", required: false },
        { name: "tags", label: "Tags", type: "tags", required: false },
        { name: "image", label: "Image", type: "image", required: false },
        { name: "ownerId", label: "Owner", type: "string", required: true },
      ],
      ownerField: "ownerId",
      access: { kind: "owner" },
      realtime: false,
    },
  ],
  screens: [
    { route: "/sign-in", kind: "sign-in", title: "Sign in" },
    { route: "/sign-up", kind: "sign-up", title: "Create an account" },
    { route: "/notes", kind: "list", model: "Note", title: "Notes" },
    { route: "/notes/new", kind: "create", model: "Note", title: "New note" },
    { route: "/notes/:id", kind: "detail", model: "Note", title: "Note" },
    { route: "/notes/:id/edit", kind: "edit", model: "Note", title: "Edit note" },
  ],
  functions: [],
  storage: { enabled: true, uploads: ["note images"], maxFileMb: 10, contentTypes: ["image/*"] },
  features: ["markdown", "tags", "uploads", "search"],
  seed: [{ model: "Note", data: { title: "Welcome", body: "# Hello" } }],
  smoke: [{ name: "write a note", steps: ["sign up", "create a note titled Hello"] }],
  assumptions: ["Notes are private to their author."],
};
