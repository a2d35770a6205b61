import type { AppPlan, Model } from "@winky/planner";
import type { AppFiles } from "../report.js";
import {
  dataPath,
  fallbackRoute,
  modelPath,
  normaliseRoute,
  registeredRoutes,
  ROUTER_FILES,
  screenPath,
  type ModelScreenKind,
} from "./app-layout.js";
import type { WinkyConfig } from "./winky-config.js";

export interface CoverageOptions {
  /**
   * Whether people create the model's documents, so it needs create and edit screens (a
   * function-written model, such as a checkout's orders, has none). Undefined: when the plan
   * lists a create or edit screen for it.
   */
  creatable?: (model: Model) => boolean;
}

/** Whether people create the model's documents (see {@link CoverageOptions.creatable}). */
function isCreatable(plan: AppPlan, model: Model, options: CoverageOptions): boolean {
  if (options.creatable) return options.creatable(model);
  return plan.screens.some(
    (s) => s.model === model.name && (s.kind === "create" || s.kind === "edit"),
  );
}

function modelFindings(plan: AppPlan, files: AppFiles, options: CoverageOptions): string[] {
  const findings: string[] = [];
  const has = (p: string) => files[p] !== undefined;
  for (const model of plan.models) {
    const creatable = isCreatable(plan, model, options);
    if (!has(modelPath(model)))
      findings.push(`coverage: model ${model.name} has no model file (${modelPath(model)})`);
    if (!has(dataPath(model)))
      findings.push(`coverage: model ${model.name} has no data file (${dataPath(model)})`);
    const kinds: ModelScreenKind[] = creatable
      ? ["list", "detail", "create", "edit"]
      : ["list", "detail"];
    for (const kind of kinds) {
      const path = screenPath(model, kind);
      if (!has(path))
        findings.push(`coverage: model ${model.name} has no ${kind} screen (${path})`);
    }
  }
  return findings;
}

function routeFindings(plan: AppPlan, files: AppFiles, options: CoverageOptions): string[] {
  const sources = ROUTER_FILES.flatMap((p) => (files[p] === undefined ? [] : [files[p]]));
  if (sources.length === 0) return [`coverage: the app has no router (${ROUTER_FILES[0]})`];
  const routes = registeredRoutes(sources);
  const byName = new Map(plan.models.map((m) => [m.name, m]));
  return plan.screens.flatMap((screen) => {
    // A model only functions write (a checkout's orders) gets no create or edit screen, even
    // when the plan lists one: the coder leaves them out, and the rules refuse such writes.
    const model = byName.get(screen.model ?? "");
    if (
      (screen.kind === "create" || screen.kind === "edit") &&
      model &&
      !isCreatable(plan, model, options)
    )
      return [];
    const ok = routes.has(normaliseRoute(screen.route)) || routes.has(fallbackRoute(plan, screen));
    const what = screen.model ? `${screen.kind} ${screen.model}` : screen.kind;
    return ok
      ? []
      : [
          `coverage: screen "${screen.title}" (${what}) at ${screen.route} is not registered in ${ROUTER_FILES[0]}`,
        ];
  });
}

function functionFindings(plan: AppPlan, files: AppFiles, config: WinkyConfig): string[] {
  const findings: string[] = [];
  for (const fn of plan.functions) {
    const declared = config.functions.find((f) => f.name === fn.name);
    if (!declared) {
      findings.push(`coverage: function ${fn.name} is not declared in winky.json functions`);
      continue;
    }
    if (declared.source === undefined)
      findings.push(`coverage: function ${fn.name} has no source in winky.json`);
    else if (files[declared.source] === undefined)
      findings.push(
        `coverage: function ${fn.name}: winky.json names its source ${declared.source}, which the app does not have`,
      );
    if (declared.trigger !== fn.trigger.kind)
      findings.push(
        `coverage: function ${fn.name} has trigger "${declared.trigger ?? "none"}" in winky.json; the plan says "${fn.trigger.kind}"`,
      );
  }
  return findings;
}

function configFindings(plan: AppPlan, files: AppFiles, config: WinkyConfig): string[] {
  const needsStorage =
    plan.storage.enabled ||
    plan.models.some((m) => m.fields.some((f) => f.type === "image" || f.type === "file"));
  const named: Array<[key: string, path: string | undefined, required: boolean]> = [
    ["rules.firestore", config.rules.firestore, true],
    ["rules.storage", config.rules.storage, needsStorage],
    ["indexes", config.indexes, true],
  ];
  return named.flatMap(([key, path, required]) => {
    if (path === undefined) return required ? [`coverage: winky.json names no ${key} file`] : [];
    if (files[path] === undefined)
      return [`coverage: winky.json names ${key} ${path}, which the app does not have`];
    if (key === "indexes" && !isJson(files[path]))
      return [`coverage: ${path} (winky.json indexes) is not valid JSON`];
    return [];
  });
}

function isJson(text: string | undefined): boolean {
  try {
    JSON.parse(text ?? "");
    return true;
  } catch {
    return false;
  }
}

/**
 * Plan coverage: every model has its model, data and screen files; every plan screen's route
 * is registered; every plan function is declared in `winky.json` with a source the app has and
 * the plan's trigger; `winky.json` names the rules and indexes files, and they exist.
 */
export function checkCoverage(
  plan: AppPlan,
  files: AppFiles,
  config: WinkyConfig | undefined,
  options: CoverageOptions = {},
): string[] {
  return [
    ...modelFindings(plan, files, options),
    ...routeFindings(plan, files, options),
    ...(config
      ? [...functionFindings(plan, files, config), ...configFindings(plan, files, config)]
      : []),
  ];
}
