import { writeRoles, type AppModel, type ModelInfo } from "../analyze.js";
import { interpretStep } from "./interpret.js";
import type { SeeAction, SmokeAction } from "./smoke-action.js";
import { splitStep } from "./step-text.js";
import { fill, titleFor, type FillOptions } from "./fill.js";
import * as appPage from "./app-page-lines.js";
import * as documentPage from "./document-page-lines.js";
import * as listPage from "./list-page-lines.js";
import * as session from "./session-lines.js";

/** The list a tag filter step left pressed, by model and tag. */
type TagFilter = { model: ModelInfo; tag: string };

/**
 * Writes one scenario's steps, creating what a step needs first (a parent, a referenced item).
 * It holds what the browser has done so far; the statements come from the `*-lines` modules.
 */
export class ScenarioWriter {
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
  private filtered: TagFilter | undefined;
  /** A second tab is open ("the same page in two browsers"): "in the other" can check it. */
  private hasOther = false;
  /** Models whose last document got an image: "on its page" then checks the image shows. */
  private readonly uploaded = new Set<string>();
  /** The title created last: what a notification, triggered by that write, should mention. */
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

  private run(action: SmokeAction, step: string, filtered: TagFilter | undefined): void {
    switch (action.kind) {
      case "sign-up":
        // Every scenario starts by signing up through the mailed link.
        this.out.push(this.signedUp ? `// (signed up already)` : `// (done at the start)`);
        this.signedUp = true;
        return;
      case "sign-in":
        this.signIn(action.roles);
        return;
      case "switch-user":
        // A second account: nothing user A created is theirs.
        if (this.signedIn) this.out.push(session.SIGN_OUT);
        this.out.push(session.SIGN_UP_ANOTHER);
        this.signedIn = true;
        // What user A owns is not B's; shared documents stay theirs to use.
        for (const name of [...this.created])
          if (this.app.byName.get(name)?.model.access.kind === "owner") this.created.delete(name);
        this.granted.clear();
        return;
      case "sign-out":
        this.out.push(session.SIGN_OUT);
        this.signedIn = false;
        return;
      case "open":
        if (action.form) this.pending = { model: action.form, given: new Map() };
        else this.out.push(...appPage.openLines(action.path, action.list));
        return;
      case "fill":
        if (this.pending) this.pending.given.set(action.label.toLowerCase(), action.value);
        else this.out.push(appPage.fillLine(action.label, action.value));
        return;
      case "save":
        // A create step before already pressed its "Create …" button.
        if (this.pending) this.submit();
        else this.out.push(`// (saved by the step before)`);
        return;
      case "denied":
        this.out.push(appPage.DENIED_LINE);
        return;
      case "see-admin":
        this.out.push(...appPage.adminLines(this.app.admin!));
        return;
      case "second-page":
        this.openSecondPage(step);
        return;
      case "see-notification":
        this.out.push(...appPage.notificationLines(this.lastTitle));
        return;
      case "checkout": {
        const recipe = this.app.functions.find((f) => f.recipe.kind === "checkout")!.recipe;
        if (recipe.kind !== "checkout") return;
        this.ensure(recipe.cart);
        this.out.push(...appPage.checkoutLines(recipe.cart));
        if (recipe.order) this.created.add(recipe.order.name);
        return;
      }
      case "create":
        this.create(action.model, action);
        return;
      case "see":
        this.see(action, filtered);
        return;
      case "edit":
        this.ensure(action.model);
        this.out.push(...documentPage.editLines(action.model, action.title));
        return;
      case "delete":
        this.ensure(action.model);
        this.out.push(...documentPage.deleteLines(action.model));
        this.created.delete(action.model.name);
        return;
      case "search":
        this.out.push(...listPage.searchLines(action.model, action.text));
        return;
      case "filter-tag":
        this.out.push(...listPage.filterTagLines(action.model, action.tag));
        this.filtered = { model: action.model, tag: action.tag };
        return;
      case "manual":
        this.out.push(appPage.manualLine(step));
        return;
    }
  }

  /** Signs in, or, when already signed in, only grants the roles not granted yet. */
  private signIn(wanted: string[]): void {
    const roles = wanted.filter((r) => !this.granted.has(r));
    // Signed in already, granting is enough: the helper signs out and in for the new token.
    if (!this.signedIn || roles.length === 0) {
      if (this.signedIn) this.out.push(session.SIGN_OUT);
      this.out.push(session.SIGN_IN);
      this.signedIn = true;
    }
    if (roles.length > 0) {
      for (const r of roles) this.granted.add(r);
      this.out.push(session.grantRolesLine(roles));
    }
  }

  /** A second tab on the realtime model's parent page (or its list), for "in the other". */
  private openSecondPage(step: string): void {
    const live = session.liveModel(this.app);
    if (!live) {
      this.out.push(appPage.manualLine(step));
      return;
    }
    const parent = live.ancestors.at(-1);
    if (parent) this.ensure(parent);
    this.out.push(...session.secondPageLines(live, listPage.whereListed(live)));
    this.hasOther = true;
    this.lastModel = live;
  }

  /** The "see" variants, each on the page where the document should show (or not). */
  private see(action: SeeAction, filtered: TagFilter | undefined): void {
    const { model, title } = action;
    if (filtered && filtered.model === model && !title && !action.absent) {
      this.out.push(...listPage.filteredLines(model, filtered.tag, this.titles.get(model.name)));
    } else if (action.other) {
      const text = title ?? this.titles.get(model.name);
      this.out.push(
        this.hasOther && text
          ? session.seenInOtherLine(text)
          : appPage.manualLine(`see the ${model.label} in the other page`),
      );
    } else if (action.absent) {
      const parent = model.ancestors.at(-1);
      const url =
        parent && this.created.has(parent.name)
          ? documentPage.documentUrl(parent)
          : listPage.listUrl(model);
      this.out.push(...listPage.absentLines(model, url, title));
    } else if (action.pageOf) {
      this.ensure(model);
      const url = documentPage.documentUrl(action.pageOf);
      this.out.push(...listPage.listedLines(model, url, this.titles.get(model.name)));
    } else if (action.onPage) {
      this.ensure(model);
      const uploaded = this.uploaded.has(model.name);
      this.out.push(...documentPage.detailLines(model, this.titles.get(model.name), uploaded));
    } else {
      if (!this.created.has(model.name) && !model.serverWritten)
        this.create(model, title ? { title } : {});
      this.out.push(...listPage.listedLines(model, listPage.whereListed(model), title));
    }
  }

  /** Creates a document of `model` unless the scenario has one already. */
  private ensure(model: ModelInfo): void {
    if (!this.created.has(model.name)) this.create(model, {});
  }

  /** Creates a document through its form, after its ancestors and required references. */
  private create(model: ModelInfo, options: FillOptions): void {
    for (const ancestor of model.ancestors) this.ensure(ancestor);
    for (const f of model.fields.filter((f) => f.type === "reference" && f.required)) {
      const target = this.app.byName.get(f.references ?? "");
      if (target && !target.model.parent) this.ensure(target);
    }
    const roles = writeRoles(model, this.app.plan);
    if (roles && !this.granted.has(roles[0]!)) {
      this.granted.add(roles[0]!);
      this.out.push(session.grantRolesLine(roles.slice(0, 1)));
    }
    const parent = model.ancestors.at(-1);
    // From the page of a document it refers to, the form starts with that reference set.
    const via = model.fields.find(
      (f) => f.type === "reference" && this.created.has(f.references ?? "") && !parent,
    );
    this.out.push(...documentPage.openFormLines(this.app, model, parent, via));
    for (const f of model.fields) if (f !== via) this.out.push(...fill(model, f, options));
    this.out.push(...documentPage.submitFormLines(model));
    const title = titleFor(model, options.title);
    const image = model.fields.find((f) => f.type === "image" && (f.required || options.upload));
    this.out.push(...documentPage.createdLines(model, title, image));
    this.created.add(model.name);
    this.titles.set(model.name, title);
    this.lastTitle = title;
    if (image) this.uploaded.add(model.name);
  }
}
