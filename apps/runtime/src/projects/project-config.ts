import { z } from "zod";

/**
 * The link page of a project's auth mails. Absolute and http(s): the link leaves in a mail and
 * a browser opens it, so `javascript:` must never get there and a relative path means nothing.
 * No fragment: the runtime puts `mode`, `oobCode` and `project` in the query, which a page
 * routed by its fragment (`#/auth`) would never see.
 */
function actionUrlProblem(value: string): string | null {
  if (value.length > 2048) return "must be at most 2048 characters";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an http or https URL (absolute, e.g. https://notes.example.com/auth/action)";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return "must be an http or https URL";
  }
  // `new URL("https://a/#")` has an empty hash, so the raw text is checked too.
  if (value.includes("#")) return "must not have a fragment (#…)";
  if (url.username !== "" || url.password !== "") return "must not contain credentials";
  return null;
}

/** The name goes into mail subjects: a line break there would inject headers. */
function appNameProblem(value: string): string | null {
  if (value.length < 1 || value.length > 60) return "must be 1 to 60 characters";
  if (/[\p{Cc}\u2028\u2029]/u.test(value)) {
    return "must not contain line breaks or control characters";
  }
  if (value.trim() === "") return "must not be blank";
  return null;
}

/** A string field checked by `problem`, answering one message naming what is wrong. */
function checked(problem: (value: string) => string | null) {
  return z.string().superRefine((value, ctx) => {
    const found = problem(value);
    if (found) ctx.addIssue({ code: "custom", message: found });
  });
}

/**
 * How a project's auth mails (sign-up, reset, verification, email change) look: the page their
 * links open and the name they sign with. An absent field keeps the runtime's
 * (`WINKY_AUTH_ACTION_URL`, "Winky").
 */
export const ProjectMailConfig = z
  .object({
    actionUrl: checked(actionUrlProblem).optional(),
    appName: checked(appNameProblem).optional(),
  })
  .strict();

export type ProjectMailConfig = z.infer<typeof ProjectMailConfig>;

/** A project's settings, kept as JSONB and validated here on every write. */
export const ProjectConfig = z
  .object({
    /** Reject queries that need a composite index that has not been declared, as Firestore does. */
    strictIndexes: z.boolean().default(false),
    auth: z
      .object({
        emailPassword: z.object({ enabled: z.boolean() }).strict().default({ enabled: true }),
        anonymous: z.object({ enabled: z.boolean() }).strict().default({ enabled: false }),
        // Optional rather than defaulted, so projects that never set it keep their stored shape.
        mail: ProjectMailConfig.optional(),
      })
      .strict()
      .default({ emailPassword: { enabled: true }, anonymous: { enabled: false } }),
  })
  .strict();

export type ProjectConfig = z.infer<typeof ProjectConfig>;

/**
 * A partial update of the settings: every field optional, unknown fields rejected. Each field
 * given replaces the stored one whole: `auth.mail: {}` returns mails to the runtime's defaults.
 */
export const ProjectConfigPatch = z
  .object({
    strictIndexes: z.boolean().optional(),
    auth: z
      .object({
        emailPassword: z.object({ enabled: z.boolean() }).strict().optional(),
        anonymous: z.object({ enabled: z.boolean() }).strict().optional(),
        mail: ProjectMailConfig.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ProjectConfigPatch = z.infer<typeof ProjectConfigPatch>;

export function applyConfigPatch(current: ProjectConfig, patch: ProjectConfigPatch): ProjectConfig {
  const mail = patch.auth?.mail ?? current.auth.mail;
  return {
    strictIndexes: patch.strictIndexes ?? current.strictIndexes,
    auth: {
      emailPassword: patch.auth?.emailPassword ?? current.auth.emailPassword,
      anonymous: patch.auth?.anonymous ?? current.auth.anonymous,
      // A cleared `mail` is dropped, so the config reads exactly as before it was set.
      ...(mail && Object.values(mail).some((v) => v !== undefined) ? { mail } : {}),
    },
  };
}
