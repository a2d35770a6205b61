import { Feature, PLAN_VERSION, type AppPlan, type Model } from "../plan-schema.js";
import { validatePlan } from "../validate-plan.js";
import { decideAccess } from "./access.js";
import { decideAuth } from "./auth.js";
import { buildModels } from "./build-models.js";
import { extractEntities, type Extraction } from "./extract.js";
import { detectFeatures, detectFieldHints, type Hit } from "./features.js";
import { planFunctions, type Notice } from "./functions.js";
import { applyImplied } from "./implied.js";
import { findMentions, namedDomains } from "./mentions.js";
import { nameApp, summarise } from "./naming.js";
import { normalise } from "./normalise.js";
import { read, type Reading } from "./read.js";
import { planScreens } from "./screens.js";
import { screenContent, screenSize } from "./screen-input.js";
import { planSeed } from "./seed.js";
import { planSmoke } from "./smoke.js";
import { planStorage } from "./storage.js";
import { draftsInClause, sentenceText } from "./targets.js";
import { planTheme } from "./theme.js";

export interface PlanOfflineOptions {
  /** Use this app name (kebab-case) instead of deriving one. */
  appName?: string;
}

export interface OfflinePlan {
  plan: AppPlan;
  /** How the planner read the prompt: typo fixes, words it left out, models it dropped. */
  notes: string[];
}

/** The order the plan lists feature flags in: the schema's own. */
const FEATURE_ORDER: readonly Feature[] = Feature.options;
const MAX_ASSUMPTIONS = 30;
/** A notification about a deadline is a daily reminder; one about a change is an update trigger. */
const DUE =
  /\b(overdue|due (soon|today|tomorrow)|before (it'?s |they'?re |the )?(due|deadline)|deadlines?|expir\w+)\b/;
const CHANGE =
  /\b(assigned|changes?|changed|updated?|edited|moves?|moved|status|low stock|drops?|falls? below|runs? (low|out)|below)\b/;

/**
 * Plans an app from plain English with no network: the default engine. Deterministic — the
 * same prompt always gives the same plan. Stages: normalise and screen the prompt; extract
 * entities, fields and relations; apply what features imply; decide access, auth, functions,
 * storage, screens and theme; then seed data, smoke scenarios and the assumptions it made.
 *
 * @throws {PlannerRefusal} for an empty or over-long prompt, one that is not an app
 *   description, or one that asks to switch off security or reveal secrets.
 * @throws {PlanError} only if the planner itself built an inconsistent plan (a bug).
 */
export function planOffline(prompt: string, options: PlanOfflineOptions = {}): OfflinePlan {
  const raw = typeof prompt === "string" ? prompt : "";
  screenSize(raw);
  const norm = normalise(raw);
  const reading = read(norm.text);
  const lower = reading.lower;
  const domains = namedDomains(lower);
  // Screened as written and as read, so a typo fix can neither hide nor invent a request.
  screenContent(
    `${raw}\n${norm.text}`,
    domains.length > 0 || findMentions(reading, domains).length > 0,
  );

  const features = detectFeatures(lower);
  const has = (k: Feature) => features.some((f) => f.key === k);
  const x = extractEntities(reading, has("markdown"));
  applyImplied(x, reading, features, detectFieldHints(lower));
  const sports = domains.some((d) => d.id === "sports");
  const decided = decideAccess(x, reading, has("admin-panel"), sports);
  const assumptions = x.assumptions;
  const models = buildModels(x, reading, decided, features);
  const auth = decideAuth(lower, decided.roles, assumptions);
  const notices = noticesOf(features, reading, x, models);
  const functions = planFunctions(
    { lower, models, features, roles: auth.roles, notices },
    assumptions,
  );
  const storage = planStorage(models, lower, assumptions);
  const flags = featureFlags(features, models, functions, storage.enabled);
  const screens = planScreens(models, auth, flags.includes("admin-panel"));
  const theme = planTheme(lower, assumptions);
  const main = models.find((m) => m.name === x.main.name) ?? models[0]!;
  const naming = nameApp(norm.text, domains, main, sports);
  if (options.appName) naming.appName = options.appName;
  const specs = new Map(x.book.all().map((d) => [d.name, d.spec]));
  const partial = { auth, models, features: flags, functions, storage };

  const plan: AppPlan = {
    version: PLAN_VERSION,
    appName: naming.appName,
    title: naming.title,
    summary: summarise(naming.title, models, auth.providers, flags),
    theme,
    auth,
    models,
    screens,
    functions,
    storage,
    features: flags,
    seed: planSeed(models, specs),
    smoke: planSmoke(partial),
    assumptions: tidy(assumptions),
  };
  return { plan: validatePlan(plan), notes: [...norm.corrections, ...x.notes] };
}

/**
 * Each notification asked for: about what (the model its sentence names) and when — on a new
 * document, on a change ("when an issue is assigned"), or before something is due.
 */
function noticesOf(
  features: readonly Hit<Feature>[],
  reading: Reading,
  x: Extraction,
  models: readonly Model[],
): Notice[] {
  return features
    .filter((f) => f.key === "notifications")
    .map((f) => {
      const sentence = sentenceText(reading, f.start);
      const on = DUE.test(sentence) ? "due" : CHANGE.test(sentence) ? "update" : "create";
      const named = draftsInClause(reading, f.start, x.mentions, x.book, "sentence").map(
        (d) => d.name,
      );
      return { model: newsworthyIn(named, models), on };
    });
}

/** A notification in a clause naming a message or an order is about that; else the default. */
function newsworthyIn(names: readonly string[], models: readonly Model[]): string | undefined {
  const present = new Set(models.map((m) => m.name));
  const inClause = names.filter((n) => present.has(n));
  const child = inClause.find((n) => models.find((m) => m.name === n)?.parent);
  return child ?? (inClause.length === 1 ? inClause[0] : undefined);
}

/** Flags from what was asked, made to agree with what was planned. */
function featureFlags(
  hits: readonly Hit<Feature>[],
  models: readonly Model[],
  functions: AppPlan["functions"],
  uploads: boolean,
): Feature[] {
  const on = new Set(hits.map((h) => h.key));
  const fields = models.flatMap((m) => m.fields);
  const names = new Set(models.map((m) => m.name));
  const set = (f: Feature, v: boolean) => (v ? on.add(f) : on.delete(f));
  set(
    "tags",
    fields.some((f) => f.type === "tags"),
  );
  set(
    "markdown",
    fields.some((f) => f.type === "markdown"),
  );
  set("comments", names.has("Comment"));
  set("likes", names.has("Like"));
  set(
    "ratings",
    on.has("ratings") || names.has("Review") || fields.some((f) => f.name === "rating"),
  );
  set(
    "dates",
    fields.some((f) => (f.type === "date" || f.type === "datetime") && f.name !== "createdAt"),
  );
  set(
    "realtime",
    models.some((m) => m.realtime),
  );
  set(
    "notifications",
    functions.some((f) => f.name.startsWith("notify") || f.name === "sendReminders"),
  );
  set(
    "payments",
    functions.some((f) => f.name === "checkout"),
  );
  set("uploads", uploads);
  return FEATURE_ORDER.filter((f) => on.has(f));
}

/** Distinct, in order, capped; the last line says how many more defaults there were. */
function tidy(assumptions: readonly string[]): string[] {
  const unique = [...new Set(assumptions)].map((a) =>
    a.length > 300 ? `${a.slice(0, 297)}...` : a,
  );
  if (unique.length <= MAX_ASSUMPTIONS) return unique;
  return [
    ...unique.slice(0, MAX_ASSUMPTIONS - 1),
    `…and ${unique.length - MAX_ASSUMPTIONS + 1} smaller defaults.`,
  ];
}
