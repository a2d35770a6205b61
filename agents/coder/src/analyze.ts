import type { AppPlan, Field, Model } from "@winky/planner";
import { findRecipes, type FunctionInfo, type NotificationsInfo } from "./functions/recipes.js";
import { kebab, lowerFirst, upperFirst, words } from "./naming.js";

/** Fields every document gets from the app itself; a plan field of that name is not edited. */
export const SYSTEM_FIELDS: ReadonlySet<string> = new Set(["createdAt", "updatedAt"]);

export type ScreenKind = "list" | "detail" | "create" | "edit";

/** A route pattern and its `:params`, in order. */
export interface RouteInfo {
  pattern: string;
  params: string[];
  title: string;
}

/** A plan model with everything the generators derive from it. */
export interface ModelInfo {
  model: Model;
  /** `CartItem`, `cartItem`, `cart-item`, `cart-items` (the screens' folder). */
  name: string;
  varName: string;
  file: string;
  dir: string;
  /** "cart item", "cart items": what people read. */
  label: string;
  plural: string;
  /** Ancestors, root first (`parent` chains). */
  ancestors: ModelInfo[];
  ownerField: string | undefined;
  /** The fields a form edits: the plan's, less the owner and system fields. */
  fields: Field[];
  /** What names a document in lists and links. */
  display: Field | undefined;
  tagField: Field | undefined;
  /** The enum a list can be filtered by (feature "filters"). */
  enumFilter: Field | undefined;
  search: boolean;
  routes: Record<ScreenKind, RouteInfo>;
  /** Written only by a function (e.g. orders by `checkout`): no create or edit screens. */
  serverWritten: boolean;
}

export interface AppModel {
  plan: AppPlan;
  project: string;
  models: ModelInfo[];
  byName: ReadonlyMap<string, ModelInfo>;
  features: ReadonlySet<string>;
  functions: FunctionInfo[];
  notifications: NotificationsInfo | undefined;
  admin: { route: string; title: string; roles: string[] } | undefined;
  storage: {
    enabled: boolean;
    maxFileMb: number;
    imageTypes: string[];
    fileTypes: string[];
    /** Planned content types refused because a browser would run script in them. */
    refused: string[];
  };
}

/** Field types a list's search box looks through. */
export const SEARCHABLE: ReadonlySet<string> = new Set([
  "string",
  "text",
  "markdown",
  "email",
  "url",
  "enum",
  "tags",
]);
const DEFAULT_IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];
/** Served back from the runtime's origin, these could run script: never allowed as uploads. */
const ACTIVE_CONTENT =
  /^(image\/svg\+xml|text\/html|application\/xhtml\+xml|text\/javascript|application\/javascript|\*\/\*|text\/\*)$/;

/** Reads a plan into what the generators need. Pure and deterministic. */
export function analyze(plan: AppPlan, project = plan.appName): AppModel {
  const features = new Set<string>(plan.features);
  const infos = plan.models.map((m) => describeModel(m, features));
  const byName = new Map(infos.map((i) => [i.name, i]));
  for (const info of infos) info.ancestors = ancestorsOf(info, byName);
  for (const info of infos) info.routes = routesOf(plan, info);
  const { functions, notifications, serverWritten } = findRecipes(plan, byName);
  for (const name of serverWritten) byName.get(name)!.serverWritten = true;
  const hasUploads = infos.some((i) =>
    i.fields.some((f) => f.type === "image" || f.type === "file"),
  );
  const refused = plan.storage.contentTypes.filter((t) => ACTIVE_CONTENT.test(t));
  const planned = plan.storage.contentTypes.filter((t) => !refused.includes(t));
  // `image/*` would admit SVG: it stands for the common raster formats instead.
  const imageTypes = [
    ...new Set(
      planned
        .flatMap((t) => (t === "image/*" ? DEFAULT_IMAGE_TYPES : [t]))
        .filter((t) => t.startsWith("image/")),
    ),
  ];
  const adminScreen = plan.screens.find((s) => s.kind === "admin");
  const roles = plan.auth.roles;
  const wantsAdmin = adminScreen || features.has("admin-panel");
  return {
    plan,
    project,
    models: infos,
    byName,
    features,
    functions,
    notifications,
    admin:
      wantsAdmin && roles.length > 0
        ? { route: adminScreen?.route ?? "/admin", title: adminScreen?.title ?? "Admin", roles }
        : undefined,
    storage: {
      enabled: plan.storage.enabled || hasUploads,
      maxFileMb: plan.storage.maxFileMb,
      imageTypes: imageTypes.length > 0 ? imageTypes : DEFAULT_IMAGE_TYPES,
      fileTypes: planned.flatMap((t) => (t === "image/*" ? DEFAULT_IMAGE_TYPES : [t])),
      refused,
    },
  };
}

/**
 * The field holding the creator's uid. The planner requires one where the policy has owners
 * write; `ownerId` stands in should a plan lack it, so the rules never go without an owner.
 */
export function ownerFieldOf(model: Model): string | undefined {
  if (model.ownerField) return model.ownerField;
  const { kind, roles } = model.access;
  const owned = kind === "owner" || kind === "shared" || (kind === "public-read" && !roles);
  return owned ? "ownerId" : undefined;
}

function describeModel(model: Model, features: Set<string>): ModelInfo {
  const ownerField = ownerFieldOf(model);
  const fields = model.fields.filter((f) => f.name !== ownerField && !SYSTEM_FIELDS.has(f.name));
  const pick = (...types: string[]) => fields.find((f) => types.includes(f.type));
  const tagField = pick("tags");
  return {
    model,
    name: model.name,
    varName: lowerFirst(model.name),
    file: kebab(model.name),
    dir: kebab(model.collection),
    label: words(model.name),
    plural: words(model.collection),
    ancestors: [],
    ownerField,
    fields,
    display: pick("string", "email", "url", "enum") ?? pick("reference") ?? pick("text"),
    tagField: tagField && (features.has("tags") || features.has("filters")) ? tagField : undefined,
    enumFilter: features.has("filters") ? pick("enum") : undefined,
    search: features.has("search") && fields.some((f) => SEARCHABLE.has(f.type)),
    routes: {} as ModelInfo["routes"],
    serverWritten: false,
  };
}

function ancestorsOf(info: ModelInfo, byName: Map<string, ModelInfo>): ModelInfo[] {
  const chain: ModelInfo[] = [];
  let parent = info.model.parent;
  while (parent && !chain.some((a) => a.name === parent)) {
    const found = byName.get(parent);
    if (!found || found === info) break;
    chain.unshift(found);
    parent = found.model.parent;
  }
  return chain;
}

/** `/rooms/:roomId/messages/:messageId` → ["roomId", "messageId"]. */
export function routeParams(pattern: string): string[] {
  return [...pattern.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
}

/**
 * The plan's route for each screen when it has the `:params` the screen needs (one per
 * ancestor, plus the document's own for detail and edit), else a canonical one.
 */
function routesOf(plan: AppPlan, info: ModelInfo): Record<ScreenKind, RouteInfo> {
  const base = info.ancestors
    .map((a) => `/${a.dir}/:${a.varName}Id`)
    .concat(`/${info.dir}`)
    .join("");
  const canonical: Record<ScreenKind, string> = {
    list: base,
    create: `${base}/new`,
    detail: `${base}/:${info.varName}Id`,
    edit: `${base}/:${info.varName}Id/edit`,
  };
  const titles: Record<ScreenKind, string> = {
    list: upperFirst(info.plural),
    create: `New ${info.label}`,
    detail: upperFirst(info.label),
    edit: `Edit ${info.label}`,
  };
  const kinds: ScreenKind[] = ["list", "detail", "create", "edit"];
  return Object.fromEntries(
    kinds.map((kind) => {
      const screen = plan.screens.find((s) => s.model === info.name && s.kind === kind);
      const wanted = info.ancestors.length + (kind === "detail" || kind === "edit" ? 1 : 0);
      const params = screen ? routeParams(screen.route) : [];
      const usable = screen && params.length === wanted && new Set(params).size === params.length;
      const pattern = usable ? screen.route : canonical[kind];
      return [
        kind,
        { pattern, params: routeParams(pattern), title: screen?.title ?? titles[kind] },
      ];
    }),
  ) as Record<ScreenKind, RouteInfo>;
}

/**
 * A template literal for a route with its params filled by `values` (code expressions), in
 * order: (`/rooms/:roomId`, [`room.id`]) → `` `/rooms/${room.id}` ``.
 */
export function routeTo(route: RouteInfo, values: readonly string[]): string {
  let i = 0;
  const filled = route.pattern.replace(/:[A-Za-z_][A-Za-z0-9_]*/g, () => `\${${values[i++]}}`);
  return i === 0 ? JSON.stringify(filled) : `\`${filled}\``;
}

/** Whether anyone, signed in or not, may read the model's documents. */
export function isPublicRead(info: ModelInfo): boolean {
  return info.model.access.kind === "public-read" || info.model.access.kind === "public";
}

/**
 * The roles that alone may write the model's documents: a `role` policy's, or a `public-read`
 * policy's when it names roles (a shop's catalogue). Undefined when owners write instead.
 */
export function writeRoles(info: ModelInfo, plan: AppPlan): string[] | undefined {
  const { kind, roles = [] } = info.model.access;
  if (kind === "public-read" && roles.length > 0) return roles;
  if (kind !== "role") return undefined;
  return roles.length > 0 ? roles : plan.auth.roles.length > 0 ? plan.auth.roles : ["admin"];
}

/** Whether the first field of this type exists among the editable fields. */
export function hasFieldType(info: ModelInfo, ...types: string[]): boolean {
  return info.fields.some((f) => types.includes(f.type));
}
