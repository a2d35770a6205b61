import { z } from "zod";

/** A project's settings, kept as JSONB and validated here on every write. */
export const ProjectConfig = z
  .object({
    /** Reject queries that need a composite index that has not been declared, as Firestore does. */
    strictIndexes: z.boolean().default(false),
    auth: z
      .object({
        emailPassword: z.object({ enabled: z.boolean() }).strict().default({ enabled: true }),
        anonymous: z.object({ enabled: z.boolean() }).strict().default({ enabled: false }),
      })
      .strict()
      .default({ emailPassword: { enabled: true }, anonymous: { enabled: false } }),
  })
  .strict();

export type ProjectConfig = z.infer<typeof ProjectConfig>;

/** A partial update of the settings: every field optional, unknown fields rejected. */
export const ProjectConfigPatch = z
  .object({
    strictIndexes: z.boolean().optional(),
    auth: z
      .object({
        emailPassword: z.object({ enabled: z.boolean() }).strict().optional(),
        anonymous: z.object({ enabled: z.boolean() }).strict().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ProjectConfigPatch = z.infer<typeof ProjectConfigPatch>;

export function applyConfigPatch(current: ProjectConfig, patch: ProjectConfigPatch): ProjectConfig {
  return {
    strictIndexes: patch.strictIndexes ?? current.strictIndexes,
    auth: {
      emailPassword: patch.auth?.emailPassword ?? current.auth.emailPassword,
      anonymous: patch.auth?.anonymous ?? current.auth.anonymous,
    },
  };
}
