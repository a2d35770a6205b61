import { writeRoles, type AppModel, type ModelInfo } from "../analyze.js";
import { lines, ts } from "../naming.js";
import { referenceActionLabel } from "../gen/screens/common.js";
import { interpretStep, type SmokeAction } from "./interpret.js";
import { fill, titleFor } from "./fill.js";
import { SMOKE_HELPERS } from "./helpers.js";

/** `smoke/app.spec.ts`: one Playwright test per scenario of the plan, with role/label selectors. */
export function smokeSpec(app: AppModel): string {
  const tests = app.plan.smoke.map((scenario) => {
    const writer = new ScenarioWriter(app);
    for (const step of scenario.steps) writer.step(step);
    return lines(
      `test(${ts(scenario.name)}, async ({ page, request }) => {`,
      `  const urls: Record<string, string> = {};`,
      `  const email = await signUp(page, request);`,
      ...writer.out.map((l) => (l ? `  ${l}` : l)),
      `});`,
    );
  });
  return lines(SMOKE_HELPERS.replace("__PROJECT__", app.project), "", tests.join("\n\n"), "");
}

/** Writes one scenario's steps, creating what a step needs first (a parent, a referenced item). */
class ScenarioWriter {
  readonly out: string[] = [];
  private readonly created = new Set<string>();
  private readonly granted = new Set<string>();
  private signedUp = false;
  /** The model the last step was about: a step that names none ("search for …") means it. */
  private lastModel: ModelInfo | undefined;

  constructor(private readonly app: AppModel) {}

  step(step: string): void {
    const action = interpretStep(this.app, step, this.lastModel);
    if ("model" in action) this.lastModel = action.model;
    this.out.push("", `// ${step.replace(/\n/g, " ")}`);
    this.run(action, step);
  }

  private run(action: SmokeAction, step: string): void {
    switch (action.kind) {
      case "sign-up":
        // Every scenario starts by signing up through the mailed link.
        this.out.push(this.signedUp ? `// (signed up already)` : `// (done at the start)`);
        this.signedUp = true;
        return;
      case "sign-in":
        this.out.push(`await signOut(page);`, `await signIn(page, email);`);
        return;
      case "sign-out":
        this.out.push(`await signOut(page);`);
        return;
      case "checkout": {
        const recipe = this.app.functions.find((f) => f.recipe.kind === "checkout")!.recipe;
        if (recipe.kind !== "checkout") return;
        if (!this.created.has(recipe.cart.name)) this.create(recipe.cart, {});
        this.out.push(
          `await page.goto(${ts(recipe.cart.routes.list.pattern)});`,
          `await expect(page.getByRole("list", { name: ${ts(cap(recipe.cart.plural))} })).toBeVisible();`,
          `await page.getByRole("button", { name: "Check out" }).click();`,
          `await expect(page.getByText(/Order placed/)).toBeVisible();`,
        );
        return;
      }
      case "create":
        this.create(action.model, action);
        return;
      case "see":
        this.see(action.model, action.title);
        return;
      case "edit":
        this.edit(action.model, action.title);
        return;
      case "delete":
        this.remove(action.model);
        return;
      case "search":
        this.out.push(
          `await page.goto(${listUrl(action.model)});`,
          `await page.getByLabel(${ts(`Search ${action.model.plural}`)}).fill(${ts(action.text)});`,
          `await expect(page.getByText(${ts(action.text)}).first()).toBeVisible();`,
        );
        return;
      case "filter-tag": {
        const chip = `page.getByRole("button", { name: ${ts(`#${action.tag}`)} })`;
        this.out.push(
          `await page.goto(${listUrl(action.model)});`,
          `await ${chip}.click();`,
          `await expect(${chip}).toHaveAttribute("aria-pressed", "true");`,
          `await expect(page.getByRole("list", { name: ${ts(cap(action.model.plural))} }).getByRole("listitem").first()).toBeVisible();`,
          `await expect(page.getByRole("alert")).toHaveCount(0);`,
        );
        return;
      }
      case "manual":
        this.out.push(
          `test.info().annotations.push({ type: "not automated", description: ${ts(step)} });`,
        );
        return;
    }
  }

  private create(
    model: ModelInfo,
    options: {
      title?: string;
      tags?: string[];
      numbers?: Record<string, string>;
      upload?: boolean;
    },
  ): void {
    for (const ancestor of model.ancestors)
      if (!this.created.has(ancestor.name)) this.create(ancestor, {});
    for (const f of model.fields.filter((f) => f.type === "reference" && f.required)) {
      const target = this.app.byName.get(f.references ?? "");
      if (target && !target.model.parent && !this.created.has(target.name)) this.create(target, {});
    }
    const roles = writeRoles(model, this.app.plan);
    if (roles && !this.granted.has(roles[0]!)) {
      this.granted.add(roles[0]!);
      this.out.push(
        `await grantRoles(page, request, email, ${JSON.stringify(roles.slice(0, 1))});`,
      );
    }
    const parent = model.ancestors.at(-1);
    // From the page of a document it refers to, the form starts with that reference set.
    const via = model.fields.find(
      (f) => f.type === "reference" && this.created.has(f.references ?? "") && !parent,
    );
    if (parent) {
      this.out.push(
        `await page.goto(urls[${ts(parent.name)}]!);`,
        `await page.getByRole("link", { name: ${ts(`New ${model.label}`)} }).click();`,
      );
    } else if (via) {
      this.out.push(
        `await page.goto(urls[${ts(via.references!)}]!);`,
        `await page.getByRole("link", { name: ${ts(referenceActionLabel(this.app, model))} }).click();`,
      );
    } else {
      this.out.push(`await page.goto(${ts(model.routes.create.pattern)});`);
    }
    for (const f of model.fields) if (f !== via) this.out.push(...fill(model, f, options));
    this.out.push(
      `await page.getByRole("button", { name: ${ts(`Create ${model.label}`)} }).click();`,
      `await page.waitForURL((url) => !url.pathname.endsWith("/new"));`,
    );
    const title = titleFor(model, options.title);
    if (title)
      this.out.push(
        `await expect(page.getByRole("heading", { name: ${ts(title)}, exact: true })).toBeVisible();`,
      );
    const image = model.fields.find((f) => f.type === "image" && (f.required || options.upload));
    if (image) {
      // Read back through the storage rules: the detail page downloads it.
      this.out.push(
        `await expect(page.getByRole("img", { name: ${ts(image.label)} })).toBeVisible();`,
      );
    }
    this.out.push(`urls[${ts(model.name)}] = page.url();`);
    this.created.add(model.name);
  }

  private see(model: ModelInfo, title: string | undefined): void {
    if (!this.created.has(model.name) && !model.serverWritten)
      this.create(model, title ? { title } : {});
    const parent = model.ancestors.at(-1);
    this.out.push(
      parent
        ? `await page.goto(urls[${ts(parent.name)}]!);`
        : `await page.goto(${listUrl(model)});`,
    );
    const list = `page.getByRole("list", { name: ${ts(cap(model.plural))} })`;
    this.out.push(
      title
        ? `await expect(${list}.getByText(${ts(title)}).first()).toBeVisible();`
        : `await expect(${list}.getByRole("listitem").first()).toBeVisible();`,
    );
  }

  private edit(model: ModelInfo, title: string | undefined): void {
    if (!this.created.has(model.name)) this.create(model, {});
    const display = model.display;
    this.out.push(
      `await page.goto(urls[${ts(model.name)}]!);`,
      `await page.getByRole("link", { name: "Edit", exact: true }).click();`,
    );
    if (display && ["string", "text", "markdown"].includes(display.type)) {
      const next = title ?? "Edited by the smoke test";
      this.out.push(
        `await page.getByLabel(${ts(display.label)}, { exact: true }).fill(${ts(next)});`,
        `await page.getByRole("button", { name: ${ts(`Save ${model.label}`)} }).click();`,
        `await expect(page.getByRole("heading", { name: ${ts(next.slice(0, 120))}, exact: true })).toBeVisible();`,
      );
    } else {
      this.out.push(
        `await page.getByRole("button", { name: ${ts(`Save ${model.label}`)} }).click();`,
      );
    }
  }

  private remove(model: ModelInfo): void {
    if (!this.created.has(model.name)) this.create(model, {});
    this.out.push(
      `await page.goto(urls[${ts(model.name)}]!);`,
      `page.once("dialog", (dialog) => void dialog.accept());`,
      `await page.getByRole("button", { name: "Delete" }).click();`,
      `await expect(page).not.toHaveURL(urls[${ts(model.name)}]!);`,
    );
    this.created.delete(model.name);
  }
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function listUrl(model: ModelInfo): string {
  return ts(model.routes.list.pattern);
}
