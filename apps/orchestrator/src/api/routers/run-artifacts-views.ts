import { z } from "zod";

/**
 * What the API shows of a run's plan, preview and reports. The checkpoint holds them as the
 * agents wrote them (plain JSON, a plan of any version the run was made with), so they are
 * read leniently: a part that does not have the expected shape is left out (an empty list, a
 * null) rather than failing the whole answer. Unknown keys are dropped, so nothing the run
 * keeps for itself (seed data, a report's logs and host paths) is sent.
 */

const text = z.string().catch("");
const texts = z.array(z.string()).catch([]);
const count = z.number().int().min(0).nullable().catch(null);

const PlanView = z.object({
  appName: text,
  title: text,
  summary: text,
  auth: z.object({ providers: texts, roles: texts }).catch({ providers: [], roles: [] }),
  models: z
    .array(
      z.object({
        name: z.string(),
        collection: text,
        parent: z.string().nullable().catch(null).default(null),
        access: z.string().catch("unknown"),
        realtime: z.boolean().catch(false),
        fields: z
          .array(
            z.object({
              name: z.string(),
              label: text,
              type: text,
              required: z.boolean().catch(false),
            }),
          )
          .catch([]),
      }),
    )
    .catch([]),
  screens: z
    .array(
      z.object({
        route: z.string(),
        kind: text,
        title: text,
        model: z.string().nullable().catch(null).default(null),
      }),
    )
    .catch([]),
  functions: z
    .array(z.object({ name: z.string(), purpose: text, trigger: z.string().catch("unknown") }))
    .catch([]),
  features: texts,
  assumptions: texts,
});
export type PlanView = z.infer<typeof PlanView>;

const CostView = z.object({
  llm: z
    .object({
      model: z.string(),
      inputTokens: z.number(),
      outputTokens: z.number(),
      dollars: z.number(),
    })
    .nullable()
    .catch(null),
  runtime: z
    .object({
      users: z.number(),
      readsPerMonth: z.number(),
      writesPerMonth: z.number(),
      documentsAfterAMonth: z.number(),
      documentStorageGb: z.number(),
      fileStorageGb: z.number(),
      functionInvocationsPerMonth: z.number(),
      dollarsPerMonth: z.number(),
    })
    .nullable()
    .catch(null),
  assumptions: texts,
});
export type CostView = z.infer<typeof CostView>;

const StoredScreen = z.object({
  route: text,
  kind: text,
  title: text,
  width: z.number().catch(0),
  height: z.number().catch(0),
  /** `screens/<stem>.png`; the SVG is next to it with `.svg`. */
  file: text,
});
const StoredPreview = z.object({
  screens: z.array(StoredScreen).catch([]),
  tree: text,
  cost: CostView.nullable().catch(null),
  assumptions: texts,
});
export type StoredPreview = z.infer<typeof StoredPreview>;

/** One screen of the preview, and whether its wireframe can be served (`runs.screen`). */
export interface ScreenView {
  index: number;
  route: string;
  kind: string;
  title: string;
  width: number;
  height: number;
  image: boolean;
}

export interface PreviewView {
  screens: ScreenView[];
  tree: string;
  assumptions: string[];
  cost: CostView | null;
  /** Why no screen has an image, when the API cannot read the workers' files at all. */
  imagesUnavailable: string | null;
}

const ReportView = z.object({
  ok: z.boolean().catch(false),
  summary: text,
  findings: texts,
  passed: count.default(null),
  failed: count.default(null),
  /** The reviewer's sections (secrets, rules, coverage, typecheck), when the report has them. */
  sections: z
    .array(z.object({ name: z.string(), ok: z.boolean(), findings: texts }))
    .catch([])
    .default([]),
});
export type ReportView = z.infer<typeof ReportView>;

/** The plan as the studio shows it, or null when the state has none. */
export function planView(plan: unknown): PlanView | null {
  if (!plan || typeof plan !== "object") return null;
  const p = plan as Record<string, unknown>;
  const parsed = PlanView.safeParse({
    ...p,
    models: Array.isArray(p.models)
      ? p.models.map((m: Record<string, unknown>) => ({
          ...m,
          access: (m?.access as { kind?: unknown } | undefined)?.kind,
        }))
      : p.models,
    functions: Array.isArray(p.functions)
      ? p.functions.map((f: Record<string, unknown>) => ({
          ...f,
          trigger: (f?.trigger as { kind?: unknown } | undefined)?.kind,
        }))
      : p.functions,
  });
  return parsed.success ? parsed.data : null;
}

/** The preview as the workers stored it in the state, or null when there is none yet. */
export function storedPreview(preview: unknown): StoredPreview | null {
  if (!preview || typeof preview !== "object") return null;
  const parsed = StoredPreview.safeParse(preview);
  return parsed.success ? parsed.data : null;
}

/** A check's report without its details, except the review's sections. */
export function reportView(report: unknown): ReportView | null {
  if (!report || typeof report !== "object") return null;
  const r = report as { details?: { sections?: unknown } };
  const sections = r.details?.sections;
  const parsed = ReportView.safeParse({
    ...r,
    sections:
      sections && typeof sections === "object"
        ? Object.entries(sections).map(([name, section]) => ({ name, ...section }))
        : [],
  });
  return parsed.success ? parsed.data : null;
}

/** Where a run's live preview is served (`url`), or why it is not (`error`). */
export type PreviewSiteView = { url: string; error: null } | { url: null; error: string };

/** The preview the smoke step released on the run's project, from its report's details. */
export function previewSiteView(smokeReport: unknown): PreviewSiteView | null {
  const preview = (smokeReport as { details?: { preview?: unknown } } | undefined)?.details
    ?.preview as { url?: unknown; error?: unknown } | undefined;
  if (typeof preview?.url === "string" && /^https?:\/\//.test(preview.url)) {
    return { url: preview.url, error: null };
  }
  if (typeof preview?.error === "string") return { url: null, error: preview.error };
  return null;
}
