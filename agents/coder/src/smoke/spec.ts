import { writeRoles, type AppModel, type ModelInfo } from "../analyze.js";
import { lines, ts } from "../naming.js";
import { referenceActionLabel } from "../gen/screens/common.js";
import { interpretStep, splitStep, type SmokeAction } from "./interpret.js";
import { fill, titleFor } from "./fill.js";
import { SMOKE_HELPERS } from "./helpers.js";

/** `smoke/app.spec.ts`: one Playwright test per scenario of the plan, with role/label selectors. */
export function smokeSpec(app: AppModel): string {
  const tests = app.plan.smoke.map((scenario) => {
    const writer = new ScenarioWriter(app);
    for (const step of scenario.steps) writer.step(step);
    writer.finish();
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
  private signedIn = true;
  /** The model the last step was about: a step that names none ("search for …") means it. */
  private lastModel: ModelInfo | undefined;
  /** The heading each model's last created document shows. */
  private readonly titles = new Map<string, string | undefined>();
  /** A form opened by "open /x/new", filled by "fill …", submitted by "save". */
  private pending: { model: ModelInfo; given: Map<string, string | undefined> } | undefined;
  /** The list filtered by the step before: a following "see" checks it in place. */
  private filtered: { model: ModelInfo; tag: string } | undefined;
  private hasOther = false;
  private readonly uploaded = new Set<string>();
  private lastTitle: string | undefined;

  constructor(private readonly app: AppModel) {}

  step(step: string): void {
    this.out.push("", `// ${step.replace(/\n/g, " ")}`);
    for (const part of splitStep(step)) {
      const action = interpretStep(this.app, part, this.lastModel);
      if ("model" in action) this.lastModel = action.model;
      if (action.kind === "open" && (action.form ?? action.list))
        this.lastModel = action.form ?? action.list;
      if (this.pending && action.kind !== "fill" && action.kind !== "save") this.submit();
      const filtered = this.filtered;
      this.filtered = undefined;
      this.run(action, part, filtered);
    }
  }

  /** Ends the scenario: a form left open is submitted. */
  finish(): void {
    if (this.pending) this.submit();
  }

  private submit(): void {
    const { model, given } = this.pending!;
    this.pending = undefined;
    const title = model.display ? given.get(model.display.label.toLowerCase()) : undefined;
    this.create(model, { ...(title !== undefined ? { title } : {}), given });
  }

  private run(
    action: SmokeAction,
    step: string,
    filtered: { model: ModelInfo; tag: string } | undefined,
  ): void {
    switch (action.kind) {
      case "sign-up":
        // Every scenario starts by signing up through the mailed link.
        this.out.push(this.signedUp ? `// (signed up already)` : `// (done at the start)`);
        this.signedUp = true;
        return;
      case "sign-in": {
        const roles = action.roles.filter((r) => !this.granted.has(r));
        if (roles.length > 0 && this.signedIn) {
          for (const r of roles) this.granted.add(r);
          // Signs out and in again, so the token carries the roles.
          this.out.push(`await grantRoles(page, request, email, ${JSON.stringify(roles)});`);
          return;
        }
        if (this.signedIn) this.out.push(`await signOut(page);`);
        this.out.push(`await signIn(page, email);`);
        this.signedIn = true;
        if (roles.length > 0) {
          for (const r of roles) this.granted.add(r);
          this.out.push(`await grantRoles(page, request, email, ${JSON.stringify(roles)});`);
        }
        return;
      }
      case "switch-user":
        // A second account: nothing user A created is theirs.
        if (this.signedIn) this.out.push(`await signOut(page);`);
        this.out.push(`await signUp(page, request);`);
        this.signedIn = true;
        // What user A owns is not B's; shared documents stay theirs to use.
        for (const name of [...this.created])
          if (this.app.byName.get(name)?.model.access.kind === "owner") this.created.delete(name);
        this.granted.clear();
        return;
      case "sign-out":
        this.out.push(`await signOut(page);`);
        this.signedIn = false;
        return;
      case "open":
        if (action.form) {
          this.pending = { model: action.form, given: new Map() };
          return;
        }
        this.out.push(`await page.goto(${ts(action.path)});`);
        this.out.push(
          action.list
            ? `await expect(${loaded(action.list)}).toBeVisible();`
            : `await expect(page.getByRole("main").getByRole("heading", { level: 1 })).toBeVisible();`,
        );
        return;
      case "fill":
        if (this.pending) {
          this.pending.given.set(action.label.toLowerCase(), action.value);
          return;
        }
        this.out.push(
          `await page.getByLabel(${ts(action.label)}, { exact: true }).fill(${ts(action.value ?? "Smoke")});`,
        );
        return;
      case "save":
        // A create step before already pressed its "Create …" button.
        if (this.pending) this.submit();
        else this.out.push(`// (saved by the step before)`);
        return;
      case "denied":
        this.out.push(
          `await expect(page.getByRole("heading", { name: "Not allowed", exact: true })).toBeVisible();`,
        );
        return;
      case "see-admin":
        this.out.push(
          `await page.goto(${ts(this.app.admin!.route)});`,
          `await expect(page.getByRole("heading", { name: ${ts(this.app.admin!.title)}, exact: true })).toBeVisible();`,
        );
        return;
      case "second-page": {
        // The same session in a second tab, on the live model's parent (or list) page.
        const live =
          this.app.models.find((m) => m.model.realtime && m.ancestors.length > 0) ??
          this.app.models.find((m) => m.model.realtime);
        if (!live) {
          this.manual(step);
          return;
        }
        const parent = live.ancestors.at(-1);
        if (parent && !this.created.has(parent.name)) this.create(parent, {});
        const url = parent ? `urls[${ts(parent.name)}]!` : listUrl(live);
        this.out.push(
          `const other = await page.context().newPage();`,
          `await other.goto(${url});`,
          // Loaded before the write: what shows later came live, never by a reload.
          `await expect(${loaded(live, "other")}).toBeVisible();`,
          `await page.goto(${url});`,
        );
        this.hasOther = true;
        this.lastModel = live;
        return;
      }
      case "see-notification": {
        // Triggers run after the write, in a sandbox: the list is read again until it shows.
        const text = this.lastTitle;
        const list = `page.getByRole("list", { name: "Notifications" })`;
        this.out.push(
          `await page.goto("/notifications");`,
          `await expect(async () => {`,
          `  await page.reload();`,
          `  await expect(${text ? `${list}.getByText(${ts(text)})` : `${list}.getByRole("listitem")`}.first()).toBeVisible({ timeout: 2_000 });`,
          `}).toPass({ timeout: 60_000 });`,
        );
        return;
      }
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
        if (recipe.order) this.created.add(recipe.order.name);
        return;
      }
      case "create":
        this.create(action.model, action);
        return;
      case "see":
        if (filtered && filtered.model === action.model && !action.title && !action.absent)
          this.seeFiltered(filtered);
        else if (action.other) this.seeOther(action.model, action.title);
        else if (action.absent) this.seeAbsent(action.model, action.title);
        else if (action.pageOf) this.seeOnParent(action.model, action.pageOf);
        else if (action.onPage) this.seeOnPage(action.model);
        else this.see(action.model, action.title);
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
        this.filtered = { model: action.model, tag: action.tag };
        return;
      }
      case "manual":
        this.manual(step);
        return;
    }
  }

  private manual(step: string): void {
    this.out.push(
      `test.info().annotations.push({ type: "not automated", description: ${ts(step)} });`,
    );
  }

  /** After a tag filter: the tagged document is listed, and every row listed has the tag. */
  private seeFiltered({ model, tag }: { model: ModelInfo; tag: string }): void {
    const list = `page.getByRole("list", { name: ${ts(cap(model.plural))} })`;
    const title = this.titles.get(model.name);
    if (title)
      this.out.push(
        `await expect(${list}.getByText(${ts(title)}, { exact: true })).toBeVisible();`,
      );
    this.out.push(
      `await expect(${list}.locator(":scope > li").filter({ hasNotText: ${ts(`#${tag}`)} })).toHaveCount(0);`,
    );
  }

  /** "see no …": the list (or its empty state) has loaded, without the text. */
  private seeAbsent(model: ModelInfo, title: string | undefined): void {
    const parent = model.ancestors.at(-1);
    this.out.push(
      parent && this.created.has(parent.name)
        ? `await page.goto(urls[${ts(parent.name)}]!);`
        : `await page.goto(${listUrl(model)});`,
      `await expect(${loaded(model)}).toBeVisible();`,
      title
        ? `await expect(page.getByText(${ts(title)})).toHaveCount(0);`
        : `await expect(page.getByRole("list", { name: ${ts(cap(model.plural))} })).toHaveCount(0);`,
    );
  }

  /** "on its page": the detail page of the document created last, with its image if any. */
  private seeOnPage(model: ModelInfo): void {
    if (!this.created.has(model.name)) this.create(model, {});
    this.out.push(`await page.goto(urls[${ts(model.name)}]!);`);
    const title = this.titles.get(model.name);
    if (title)
      this.out.push(
        `await expect(page.getByRole("heading", { name: ${ts(title)}, exact: true })).toBeVisible();`,
      );
    const image = model.fields.find((f) => f.type === "image");
    if (image && this.uploaded.has(model.name))
      this.out.push(
        `await expect(page.getByRole("img", { name: ${ts(image.label)} })).toBeVisible();`,
      );
  }

  /** "on the room's page": the document is listed on its parent's page. */
  private seeOnParent(model: ModelInfo, pageOf: ModelInfo): void {
    if (!this.created.has(model.name)) this.create(model, {});
    const title = this.titles.get(model.name);
    const list = `page.getByRole("list", { name: ${ts(cap(model.plural))} })`;
    this.out.push(
      `await page.goto(urls[${ts(pageOf.name)}]!);`,
      title
        ? `await expect(${list}.getByText(${ts(title)}).first()).toBeVisible();`
        : `await expect(${list}.getByRole("listitem").first()).toBeVisible();`,
    );
  }

  /** "see it appear in the other": the second tab shows it without a reload. */
  private seeOther(model: ModelInfo, title: string | undefined): void {
    const text = title ?? this.titles.get(model.name);
    if (!this.hasOther || !text) {
      this.manual(`see the ${model.label} in the other page`);
      return;
    }
    this.out.push(`await expect(other.getByText(${ts(text)}).first()).toBeVisible();`);
  }
  private create(
    model: ModelInfo,
    options: {
      title?: string;
      tags?: string[];
      numbers?: Record<string, string>;
      upload?: boolean;
      given?: ReadonlyMap<string, string | undefined>;
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
    this.titles.set(model.name, title);
    this.lastTitle = title;
    if (image) this.uploaded.add(model.name);
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

/** A list page once loaded: the list, or its empty state. */
function loaded(model: ModelInfo, page = "page"): string {
  return `${page}.getByRole("list", { name: ${ts(cap(model.plural))} }).or(${page}.getByText(${ts(`No ${model.plural} yet.`)}, { exact: true }))`;
}

function listUrl(model: ModelInfo): string {
  return ts(model.routes.list.pattern);
}
