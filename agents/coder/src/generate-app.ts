import type { AppPlan } from "@winky/planner";
import { templateFiles } from "@winky/app-templates";
import { analyze, type AppModel } from "./analyze.js";
import { functionSource } from "./functions/sources.js";
import { functionTest } from "./functions/tests.js";
import { appConfigFile, routesFile } from "./gen/app-files.js";
import { dataFile } from "./gen/data-file.js";
import { formTestFile, formTestModel } from "./gen/form-test-file.js";
import { indexesJson } from "./gen/indexes.js";
import { modelFile } from "./gen/model-file.js";
import { modelTestFile } from "./gen/model-test-file.js";
import {
  envExample,
  gitignore,
  packageJson,
  playwrightConfig,
  winkyJson,
} from "./gen/project-files.js";
import { deployScript, readme } from "./gen/readme.js";
import { actionsFile, adminFile, homeFile } from "./gen/screens/app-screens.js";
import {
  callErrorsFile,
  callErrorsTestFile,
  callsFunctions,
} from "./gen/screens/call-errors-file.js";
import { checkoutButtonFile, checkoutButtonTestFile } from "./gen/screens/checkout-button-file.js";
import { rolesFormFile, rolesFormTestFile } from "./gen/screens/roles-form-file.js";
import { notificationsFile } from "./gen/screens/notifications-file.js";
import { isReferenced, screenPath } from "./gen/screens/common.js";
import { detailFile } from "./gen/screens/detail-file.js";
import { createFile, editFile } from "./gen/screens/edit-files.js";
import { formFile } from "./gen/screens/form-file.js";
import { labelFile } from "./gen/screens/label-file.js";
import { listFile } from "./gen/screens/list-file.js";
import { themeCss } from "./gen/theme.js";
import { escapeHtml } from "./naming.js";
import { firestoreRules } from "./rules/firestore-rules.js";
import { storageRules } from "./rules/storage-rules.js";
import { smokeSpec } from "./smoke/spec.js";

/** A file the app will have, rendered only when asked (the preview needs paths alone). */
interface PlannedFile {
  path: string;
  render: () => string;
}

/** Every file the plan's app has beyond the templates, in a fixed order. */
function planFiles(app: AppModel): PlannedFile[] {
  const files: PlannedFile[] = [
    { path: "package.json", render: () => packageJson(app) },
    { path: "README.md", render: () => readme(app) },
    { path: "winky.json", render: () => winkyJson(app) },
    { path: "firestore.rules", render: () => firestoreRules(app) },
    { path: "storage.rules", render: () => storageRules(app) },
    { path: "firestore.indexes.json", render: () => indexesJson(app) },
    { path: ".env.example", render: () => envExample(app) },
    { path: ".gitignore", render: gitignore },
    { path: "scripts/deploy.mjs", render: () => deployScript(app) },
    { path: "playwright.config.ts", render: playwrightConfig },
    { path: "smoke/app.spec.ts", render: () => smokeSpec(app) },
    { path: "src/app-config.ts", render: () => appConfigFile(app) },
    { path: "src/routes.tsx", render: () => routesFile(app) },
    { path: "src/styles/theme.css", render: () => themeCss(app.plan) },
    { path: "src/screens/home-page.tsx", render: () => homeFile(app) },
  ];
  if (app.functions.some((f) => f.recipe.kind === "callable")) {
    files.push({ path: "src/screens/actions.tsx", render: () => actionsFile(app) });
  }
  if (app.admin) files.push({ path: "src/screens/admin-page.tsx", render: () => adminFile(app) });
  if (callsFunctions(app)) {
    files.push(
      { path: "src/lib/call-errors.ts", render: callErrorsFile },
      { path: "src/lib/call-errors.test.ts", render: callErrorsTestFile },
    );
  }
  if (app.notifications && !app.notifications.model) {
    files.push({
      path: "src/screens/notifications-page.tsx",
      render: () => notificationsFile(app),
    });
  }
  const tested = formTestModel(app.models);
  for (const m of app.models) {
    files.push(
      { path: `src/models/${m.file}.ts`, render: () => modelFile(m) },
      { path: `src/models/${m.file}.test.ts`, render: () => modelTestFile(m) },
      { path: `src/data/${m.file}.ts`, render: () => dataFile(m) },
      { path: screenPath(m, "list"), render: () => listFile(app, m) },
      { path: screenPath(m, "detail"), render: () => detailFile(app, m) },
    );
    if (!m.serverWritten) {
      files.push(
        { path: screenPath(m, "form"), render: () => formFile(app, m) },
        { path: screenPath(m, "create"), render: () => createFile(m) },
        { path: screenPath(m, "edit"), render: () => editFile(m) },
      );
    }
    if (m === tested)
      files.push({ path: screenPath(m, "form.test"), render: () => formTestFile(m) });
    if (isReferenced(app, m))
      files.push({ path: screenPath(m, "label"), render: () => labelFile(m) });
  }
  for (const f of app.functions) {
    files.push({ path: `functions/${f.fn.name}.ts`, render: () => functionSource(app, f) });
    if (f.recipe.kind === "checkout") {
      const recipe = f.recipe;
      files.push(
        {
          path: `src/screens/${recipe.cart.dir}/checkout-button.tsx`,
          render: () => checkoutButtonFile(f.fn.name, recipe),
        },
        {
          path: `src/screens/${recipe.cart.dir}/checkout-button.test.tsx`,
          render: () => checkoutButtonTestFile(f.fn.name),
        },
      );
    }
    if (f.recipe.kind === "setRole" && app.admin) {
      const recipe = f.recipe;
      files.push(
        {
          path: "src/screens/roles-form.tsx",
          render: () => rolesFormFile(f.fn.name, recipe, app.project),
        },
        {
          path: "src/screens/roles-form.test.tsx",
          render: () => rolesFormTestFile(f.fn.name, recipe),
        },
      );
    }
    const test = functionTest(f, app.notifications);
    if (test !== undefined)
      files.push({ path: `functions/${f.fn.name}.test.ts`, render: () => test });
  }
  return files;
}

/** What {@link generateApp} returns: every file of the app, by posix path, sorted. */
export interface GeneratedApp {
  files: Record<string, string>;
}

export interface GenerateOptions {
  /** The runtime project the app talks to; the plan's `appName` by default. */
  project?: string;
}

/**
 * Generates the whole app for a plan: the templates, then the plan's models, screens, rules,
 * indexes, functions, tests and docs. Deterministic: the same plan gives identical files.
 * The plan is trusted to have passed `AppPlan` (the planner's zod schema).
 *
 * @example
 * ```ts
 * const { files } = generateApp(plan, { project: "team-notes-dev" });
 * for (const [path, text] of Object.entries(files)) await writeFile(join(dir, path), text);
 * ```
 */
export function generateApp(plan: AppPlan, options: GenerateOptions = {}): GeneratedApp {
  const app = analyze(plan, options.project ?? plan.appName);
  const files: Record<string, string> = {};
  for (const [path, text] of Object.entries(templateFiles())) {
    files[path] =
      path === "index.html"
        ? text
            .replace("__APP_TITLE__", escapeHtml(plan.title))
            .replace("__THEME_COLOR__", plan.theme.primary)
        : text;
  }
  for (const file of planFiles(app)) files[file.path] = file.render();
  return { files: sorted(files) };
}

/** The paths {@link generateApp} writes for a plan, sorted, without rendering them. */
export function plannedFiles(plan: AppPlan): string[] {
  const app = analyze(plan, plan.appName);
  const paths = new Set([...Object.keys(templateFiles()), ...planFiles(app).map((f) => f.path)]);
  return [...paths].sort();
}

function sorted(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(files)
      .sort()
      .map((k) => [k, files[k]!]),
  );
}
