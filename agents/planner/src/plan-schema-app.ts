import { z } from "zod";
import { CRON, ROUTE, identifier, modelName } from "./plan-formats.js";

/**
 * The parts of the plan about what the app shows and runs: screens, server functions, smoke
 * scenarios and feature flags. The data parts (fields, models, access) are in `plan-schema.ts`,
 * which re-exports these.
 */

/** Screens that show one model's documents, and so must name it. */
const MODEL_SCREENS = new Set(["list", "detail", "create", "edit"]);

/** A page of the app at a route: sign-in, a dashboard, or a list/detail/create/edit view of a model. */
export const Screen = z
  .object({
    /** A React Router path: "/notes", "/notes/:id", "/notes/:id/edit". */
    route: z.string().max(200).regex(ROUTE, "must be a route path such as /notes/:id"),
    kind: z.enum(["sign-in", "sign-up", "list", "detail", "create", "edit", "dashboard", "admin"]),
    model: modelName.optional(),
    title: z.string().min(1).max(60),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (MODEL_SCREENS.has(s.kind) && !s.model)
      ctx.addIssue({
        code: "custom",
        path: ["model"],
        message: `a ${s.kind} screen names its model`,
      });
    // A detail or edit screen shows one document, so its route carries the document's id.
    if ((s.kind === "detail" || s.kind === "edit") && !s.route.includes("/:"))
      ctx.addIssue({
        code: "custom",
        path: ["route"],
        message: `a ${s.kind} route has a parameter, e.g. /notes/:id`,
      });
  });
export type Screen = z.infer<typeof Screen>;

/** A server function: callable from the app, or run on a document change, a sign-up or a schedule. */
export const PlannedFunction = z
  .object({
    name: identifier,
    purpose: z.string().min(1).max(200),
    trigger: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("callable") }).strict(),
      z
        .object({
          kind: z.literal("document"),
          event: z.enum(["create", "update", "delete", "write"]),
          model: modelName,
        })
        .strict(),
      z.object({ kind: z.literal("auth"), event: z.enum(["create", "delete"]) }).strict(),
      z
        .object({
          kind: z.literal("schedule"),
          schedule: z
            .string()
            .min(1)
            .max(100)
            .regex(CRON, "must be a five-field cron, e.g. 0 8 * * *"),
        })
        .strict(),
    ]),
  })
  .strict();
export type PlannedFunction = z.infer<typeof PlannedFunction>;

/** A short journey the smoke tests walk through the running app. */
export const SmokeScenario = z
  .object({
    name: z.string().min(1).max(100),
    /** Plain steps the smoke spec is written from: "sign up", "create a note titled …". */
    steps: z.array(z.string().min(1).max(200)).min(1).max(20),
  })
  .strict();
export type SmokeScenario = z.infer<typeof SmokeScenario>;

/** Switches for the coder's templates (search box, tag filter, upload widget, live lists, …). */
export const Feature = z.enum([
  "search",
  "filters",
  "tags",
  "markdown",
  "comments",
  "likes",
  "ratings",
  "dates",
  "realtime",
  "notifications",
  "admin-panel",
  "payments",
  "uploads",
]);
export type Feature = z.infer<typeof Feature>;
