import type { AppPlan } from "@winky/planner";
import { writeRoles, type AppModel, type ModelInfo } from "../../analyze.js";
import { ts, upperFirst } from "../../naming.js";

/** `src/screens/notes/note-list.tsx` and friends. */
export function screenPath(info: ModelInfo, kind: string): string {
  return `src/screens/${info.dir}/${info.file}-${kind}.tsx`;
}

/** The import specifier of a screen module from another screen folder. */
export function screenImport(info: ModelInfo, kind: string): string {
  return `../${info.dir}/${info.file}-${kind}`;
}

/** Root models referenced by another model's reference field get a label component. */
export function isReferenced(app: AppModel, info: ModelInfo): boolean {
  return (
    info.ancestors.length === 0 &&
    app.models.some((m) =>
      m.fields.some((f) => f.type === "reference" && f.references === info.name),
    )
  );
}

/** The referenced model of a reference field, when it has a label component. */
export function labelTarget(app: AppModel, references: string | undefined): ModelInfo | undefined {
  const target = references ? app.byName.get(references) : undefined;
  return target && isReferenced(app, target) ? target : undefined;
}

/**
 * A boolean expression (over `user` and `roles` from useAuth) for whether the UI offers to
 * create one. Only a hint: the rules decide.
 */
export function canCreateExpr(info: ModelInfo, plan: AppPlan): string {
  if (info.serverWritten) return "false";
  const roles = writeRoles(info, plan);
  if (roles) return `user !== null && hasAnyRole(roles, ${JSON.stringify(roles)})`;
  if (info.model.access.kind === "public" && !info.ownerField) return "true";
  return "user !== null";
}

/** Whether the UI offers to edit and delete `item` (same caveat). */
export function canWriteExpr(info: ModelInfo, plan: AppPlan, item = "item"): string {
  if (info.serverWritten) return "false";
  const roles = writeRoles(info, plan);
  if (roles) return `user !== null && hasAnyRole(roles, ${JSON.stringify(roles)})`;
  if (info.model.access.kind === "public") return "true";
  return info.ownerField ? `user !== null && user.uid === ${item}.${info.ownerField}` : "false";
}

/** Whether the expressions above read `roles` (so useAuth's roles and hasAnyRole are needed). */
export function usesRoles(info: ModelInfo, plan: AppPlan): boolean {
  return !info.serverWritten && writeRoles(info, plan) !== undefined;
}

/**
 * A document's title as JSX (`item` its variable): its display field, or for a reference the
 * referenced document's label component, or the model's name.
 */
export function titleJsx(app: AppModel, info: ModelInfo, item = "item"): string {
  const d = info.display;
  if (!d) return `{${ts(upperFirst(info.label))}}`;
  if (d.type === "reference") {
    const target = labelTarget(app, d.references);
    return target
      ? `<${target.name}Label id={${item}.${d.name}} link={false} />`
      : `{${ts(upperFirst(info.label))}}`;
  }
  if (d.type === "text") return `{${item}.${d.name}.slice(0, 120) || "Untitled"}`;
  return `{${item}.${d.name} || "Untitled"}`;
}

/** A document's title as a string expression, for options and confirmations. */
export function titleText(info: ModelInfo, item = "item"): string {
  const d = info.display;
  if (!d || d.type === "reference") return ts(upperFirst(info.label));
  if (d.type === "text") return `(${item}.${d.name}.slice(0, 120) || "Untitled")`;
  return `(${item}.${d.name} || "Untitled")`;
}

/** Reads the route's params positionally: `const roomId = params["roomId"] ?? "";`. */
export function readParams(names: readonly string[], vars: readonly string[]): string[] {
  return names.map((name, i) => `const ${vars[i]} = params[${ts(name)}] ?? "";`);
}

/** Sorts import lines so the generated files read the same every time. */
export function sortedImports(imports: ReadonlyMap<string, Set<string>>): string[] {
  return [...imports.entries()]
    .sort(([a], [b]) =>
      a.startsWith(".") === b.startsWith(".") ? (a < b ? -1 : 1) : a.startsWith(".") ? 1 : -1,
    )
    .map(([from, names]) => {
      const sorted = [...names].sort((x, y) => bare(x).localeCompare(bare(y)));
      return `import { ${sorted.join(", ")} } from ${ts(from)};`;
    });
}

const bare = (name: string) => name.replace(/^type /, "");

/** Collects `import { names } from "module"` while a file is written. */
export class Imports {
  readonly map = new Map<string, Set<string>>();
  add(from: string, ...names: string[]): this {
    const set = this.map.get(from) ?? new Set<string>();
    for (const n of names) set.add(n);
    this.map.set(from, set);
    return this;
  }
  lines(): string[] {
    return sortedImports(this.map);
  }
}

/** Models a detail page offers to create pointing at it: their reference field to `info`. */
export function referencingModels(
  app: AppModel,
  info: ModelInfo,
): Array<{ model: ModelInfo; field: string }> {
  if (info.ancestors.length > 0) return [];
  return app.models.flatMap((m) => {
    const field = m.fields.find((f) => f.type === "reference" && f.references === info.name);
    return field && !m.serverWritten && m.ancestors.length === 0
      ? [{ model: m, field: field.name }]
      : [];
  });
}

/** The link a referenced document's page shows to create one of `model` for it. */
export function referenceActionLabel(app: AppModel, model: ModelInfo): string {
  const cart = app.functions.some((f) => f.recipe.kind === "checkout" && f.recipe.cart === model);
  return cart ? "Add to cart" : `New ${model.label}`;
}
