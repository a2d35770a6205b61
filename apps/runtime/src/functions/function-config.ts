import { z } from "zod";
import { nextRunAfter } from "./schedules/cron.js";

const documentPath = z
  .string()
  .regex(
    /^([\w-]+|\{\w+\})(\/([\w-]+|\{\w+\}))*$/,
    "must be a document path of names and {wildcards}, e.g. users/{uid}/posts/{postId}",
  )
  .refine((p) => p.split("/").length % 2 === 0, "must name a document (an even segment count)");

const schedule = z
  .object({
    kind: z.literal("schedule"),
    /** Five fields (minute hour day month weekday), or six with seconds first; or `@daily`… */
    schedule: z.string().min(1).max(200),
    /** An IANA time zone the schedule is read in. */
    timeZone: z.string().min(1).max(64).default("UTC"),
  })
  .strict()
  .superRefine((t, ctx) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: t.timeZone });
    } catch {
      ctx.addIssue({ code: "custom", path: ["timeZone"], message: "unknown time zone" });
      return;
    }
    try {
      nextRunAfter(t, new Date());
    } catch (e) {
      ctx.addIssue({ code: "custom", path: ["schedule"], message: (e as Error).message });
    }
  });

/**
 * What starts a function: a client's call (`callable`), any HTTP request (`http`), a change to
 * documents matching `path`, an end user created or deleted (`auth`), an object finalized or
 * deleted under `prefix` (`storage`), or a cron schedule (`schedule`).
 */
export const FunctionTrigger = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("callable") }).strict(),
  z.object({ kind: z.literal("http") }).strict(),
  z
    .object({
      kind: z.literal("document"),
      event: z.enum(["create", "update", "delete", "write"]),
      path: documentPath,
    })
    .strict(),
  z.object({ kind: z.literal("auth"), event: z.enum(["create", "delete"]) }).strict(),
  z
    .object({
      kind: z.literal("storage"),
      event: z.enum(["finalize", "delete"]),
      /** Only objects whose name starts with it; every object when absent. */
      prefix: z.string().max(1024).optional(),
    })
    .strict(),
  schedule,
]);
export type FunctionTrigger = z.infer<typeof FunctionTrigger>;
export type ScheduleTrigger = Extract<FunctionTrigger, { kind: "schedule" }>;

/** The body of `PUT …/admin/functions/:name`. */
export const DeployFunction = z
  .object({
    source: z
      .string()
      .min(1)
      .max(5 * 1024 * 1024),
    memoryMb: z.number().int().min(64).max(2048).default(256),
    timeoutMs: z.number().int().min(100).max(540_000).default(60_000),
    secrets: z
      .array(z.string().regex(/^[A-Z_][A-Z0-9_]{0,254}$/, "must be a secret name"))
      .default([]),
    trigger: FunctionTrigger,
  })
  .strict();

export interface FunctionConfig {
  memoryMb: number;
  timeoutMs: number;
  secrets: string[];
}

/** Function names: what a URL segment and a sandbox id can carry. */
export const FUNCTION_NAME = /^[a-zA-Z][\w-]{0,62}$/;
