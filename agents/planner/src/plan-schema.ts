import { z } from "zod";
import { cssColor, identifier, modelName, uniqueItems } from "./plan-formats.js";
import { Feature, PlannedFunction, Screen, SmokeScenario } from "./plan-schema-app.js";

export { Feature, PlannedFunction, Screen, SmokeScenario };

/**
 * The app plan: what the planner decides and every later step (preview, coder, tester,
 * reviewer, deploy) reads. Versioned: a plan names its `version`, and a change to its meaning
 * makes a new version with a migration, so stored runs stay readable.
 *
 * This file checks what one object can check on its own (formats, an enum's options, a role
 * policy's roles); checks across objects (a screen's model exists, an owner field is a field)
 * live in `validate-plan.ts`, which reports both with the same paths.
 */
export const PLAN_VERSION = 1;

/** What a field holds; the coder picks an input, a column type and a rule check from it. */
export const FieldType = z.enum([
  "string",
  "text", // long text, a textarea
  "markdown", // rendered as markdown
  "number",
  "boolean",
  "date", // a calendar date
  "datetime",
  "email",
  "url",
  "image", // a storage path, uploaded with a preview
  "file", // a storage path, any file
  "tags", // a list of short strings, filterable
  "enum", // one of `options`
  "reference", // a document id of `references`
  "geopoint",
]);
export type FieldType = z.infer<typeof FieldType>;

/** One field of a model: a name for code, a label for people, a type, and whether it is required. */
export const Field = z
  .object({
    name: identifier,
    /** What a person reads: "Due date". */
    label: z.string().min(1).max(60),
    type: FieldType,
    required: z.boolean(),
    /** For `enum`, and only for it. */
    options: z
      .array(z.string().min(1).max(40))
      .min(2)
      .max(20)
      .superRefine(uniqueItems("option"))
      .optional(),
    /** For `reference`, and only for it: the model referred to. */
    references: modelName.optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.type === "enum" && !f.options)
      ctx.addIssue({ code: "custom", path: ["options"], message: "an enum field needs options" });
    // Options or a target on another type would be silently ignored by the coder.
    if (f.type !== "enum" && f.options)
      ctx.addIssue({
        code: "custom",
        path: ["options"],
        message: "only an enum field has options",
      });
    if (f.type === "reference" && !f.references)
      ctx.addIssue({
        code: "custom",
        path: ["references"],
        message: "a reference field names its model",
      });
    if (f.type !== "reference" && f.references)
      ctx.addIssue({
        code: "custom",
        path: ["references"],
        message: "only a reference field names a model",
      });
  });
export type Field = z.infer<typeof Field>;

/**
 * Who may do what with a model's documents: `owner` (each user their own; the owner field
 * holds the uid), `shared` (signed-in users read all, owners write theirs), `public-read`
 * (anyone reads, owners write — or, when `roles` is given, only users holding one of them
 * write: a shop's catalogue), `role` (users holding `roles` in their claims write; signed-in
 * users read), `public` (anyone reads and writes: only when the prompt says so).
 */
export const AccessPolicy = z
  .object({
    kind: z.enum(["owner", "shared", "public-read", "role", "public"]),
    roles: z.array(identifier).min(1).max(10).superRefine(uniqueItems("role")).optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.kind === "role" && !a.roles)
      ctx.addIssue({ code: "custom", path: ["roles"], message: "a role policy names its roles" });
    // Roles on another kind would read as a restriction the rules never enforce.
    if (a.roles && a.kind !== "role" && a.kind !== "public-read")
      ctx.addIssue({
        code: "custom",
        path: ["roles"],
        message: `roles apply to "role" and "public-read" access only, not "${a.kind}"`,
      });
  });
export type AccessPolicy = z.infer<typeof AccessPolicy>;

/** A collection of documents: its fields, where it lives (a parent), who may read and write it. */
export const Model = z
  .object({
    name: modelName,
    /** The collection: camelCase plural ("notes", "chatRooms"). */
    collection: identifier,
    /** Subcollection of this parent model's documents ("rooms have messages"), if any. */
    parent: modelName.optional(),
    fields: z.array(Field).min(1).max(40),
    /** The field holding the creator's uid, when documents belong to someone. */
    ownerField: identifier.optional(),
    access: AccessPolicy,
    /** Lists update live (realtime listeners) rather than on reload. */
    realtime: z.boolean(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    m.fields.forEach((f, i) => {
      if (seen.has(f.name))
        ctx.addIssue({
          code: "custom",
          path: ["fields", i, "name"],
          message: `repeats the field "${f.name}"`,
        });
      seen.add(f.name);
    });
  });
export type Model = z.infer<typeof Model>;

/** The whole plan. Parse with `validatePlan`, which adds the checks across its parts. */
export const AppPlan = z
  .object({
    version: z.literal(PLAN_VERSION),
    /** Kebab-case: the project id and the repository's name. No leading, trailing or double hyphen. */
    appName: z
      .string()
      .max(40)
      .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "must be kebab-case, e.g. team-notes")
      .min(2),
    title: z.string().min(1).max(60),
    summary: z.string().min(1).max(500),
    theme: z
      .object({
        primary: cssColor,
        accent: cssColor,
        mode: z.enum(["light", "dark"]),
        /** Named in the prompt ("playful", "minimal") or the default "clean". */
        style: z.string().min(1).max(40),
      })
      .strict(),
    auth: z
      .object({
        providers: z
          .array(z.enum(["email", "anonymous", "google", "github"]))
          .max(4)
          .superRefine(uniqueItems("provider")),
        /** Roles that custom claims carry ("admin"), when the app has them. */
        roles: z.array(identifier).max(10).superRefine(uniqueItems("role")),
      })
      .strict(),
    models: z.array(Model).min(1).max(20),
    screens: z.array(Screen).min(1).max(80),
    functions: z.array(PlannedFunction).max(20),
    storage: z
      .object({
        enabled: z.boolean(),
        /** What is uploaded, e.g. "note images". */
        uploads: z.array(z.string().min(1).max(100)).max(10),
        maxFileMb: z.number().int().min(1).max(100),
        contentTypes: z
          .array(z.string().regex(/^[a-z]+\/[a-z0-9.+*-]+$/))
          .max(20)
          .superRefine(uniqueItems("content type")),
      })
      .strict(),
    /** Feature flags the coder's templates switch on. */
    features: z.array(Feature).max(20).superRefine(uniqueItems("feature")),
    seed: z
      .array(z.object({ model: modelName, data: z.record(z.string(), z.unknown()) }).strict())
      .max(200),
    smoke: z.array(SmokeScenario).min(1).max(20),
    /** What the planner assumed where the prompt was silent, shown to the user. */
    assumptions: z.array(z.string().min(1).max(300)).max(30),
  })
  .strict();
export type AppPlan = z.infer<typeof AppPlan>;
