/**
 * Writing into a document: `update()` with a field mask (REST `updateMask` plus
 * `updateTransforms`) and `set(…, { merge: true })` / `mergeFields`. Results are new maps;
 * the input documents are never mutated and untouched subtrees are shared.
 */
import { DocumentValueError } from "./errors.js";
import { childFieldPath, formatFieldPath, validateFieldName } from "./field-path.js";
import { applyTransform, type Transform, type TransformContext } from "./transforms.js";
import { MAX_NESTING_DEPTH, type DocFields, type DocValue } from "./value.js";

/**
 * One entry of an update: set `fieldPath` to `value`, apply `transform` to it, or delete it.
 * An entry with none of the three deletes, as a REST mask path missing from the data does.
 */
export interface FieldUpdate {
  /** Segments from the document's top level: `["address", "city"]`. */
  fieldPath: string[];
  value?: DocValue;
  transform?: Transform;
  delete?: boolean;
}

/**
 * Applies updates in order. Setting a nested path creates the missing maps on the way and
 * replaces a non-map on the way with a map (`a: 5` then `a.b = 1` gives `a: {b: 1}`);
 * deleting below a missing or non-map field changes nothing; deleting `a.b` leaves `a: {}`.
 *
 * @param context the request time, needed only by `serverTimestamp` transforms.
 * @throws DocumentValueError for an empty path, an invalid or reserved field name, an entry
 * with more than one of value/transform/delete, two paths where one contains the other
 * (`a` and `a.b`), or a result nested more than 20 levels.
 * @throws TypeError for a `serverTimestamp` transform without `context.requestTime`.
 */
export function applyUpdate(
  existing: DocFields,
  updates: readonly FieldUpdate[],
  context: TransformContext = {},
): DocFields {
  checkPaths(updates.map((u) => u.fieldPath));
  const owned = new WeakSet<DocFields>();
  const root = new Map(existing);
  owned.add(root);
  for (const update of updates) {
    const path = formatFieldPath(update.fieldPath);
    const actions = [update.value, update.transform, update.delete || undefined];
    if (actions.filter((a) => a !== undefined).length > 1) {
      fail(path, "give only one of value, transform and delete");
    }
    const { value, transform } = update;
    if (value === undefined && transform === undefined) {
      writeAt(root, update.fieldPath, () => undefined, false, owned);
      continue;
    }
    writeAt(
      root,
      update.fieldPath,
      (current) => {
        const next = value ?? applyTransform(current, transform as Transform, context, path);
        const depth = update.fieldPath.length - 1 + containerDepth(next);
        if (depth > MAX_NESTING_DEPTH) {
          fail(path, `maps and arrays may be nested at most ${MAX_NESTING_DEPTH} levels deep`);
        }
        return next;
      },
      true,
      owned,
    );
  }
  return root;
}

/**
 * `set(data, { merge: true })`: without `mergeFields`, maps in `incoming` merge deeply into
 * `existing` while every other value (arrays included, and empty maps) replaces what was
 * there. With `mergeFields`, only those paths are written, each replaced whole by its value in
 * `incoming`, or deleted when `incoming` has none.
 *
 * @throws DocumentValueError for invalid or overlapping `mergeFields` paths.
 */
export function mergeSet(
  existing: DocFields,
  incoming: DocFields,
  mergeFields?: readonly string[][],
): DocFields {
  if (mergeFields === undefined) return deepMerge(existing, incoming);
  return applyUpdate(
    existing,
    mergeFields.map((fieldPath) => ({ fieldPath, value: getField(incoming, fieldPath) })),
  );
}

/** The value at a field path, or undefined when a segment on the way is missing or not a map. */
export function getField(fields: DocFields, path: readonly string[]): DocValue | undefined {
  let current: DocFields = fields;
  for (let i = 0; i < path.length - 1; i++) {
    const child = current.get(path[i] as string);
    if (child?.type !== "map") return undefined;
    current = child.fields;
  }
  return path.length === 0 ? undefined : current.get(path[path.length - 1] as string);
}

function deepMerge(existing: DocFields, incoming: DocFields): DocFields {
  const out = new Map(existing);
  for (const [name, value] of incoming) {
    const current = out.get(name);
    // An empty map is a leaf of the merge: the SDKs put its own path in the mask.
    if (value.type === "map" && value.fields.size > 0 && current?.type === "map") {
      out.set(name, { type: "map", fields: deepMerge(current.fields, value.fields) });
    } else {
      out.set(name, value);
    }
  }
  return out;
}

/**
 * Walks to the parent of `path` in `root`, copying each map not yet copied by this update
 * (the `owned` ones are ours to mutate), and replaces the last field with `produce`'s result.
 */
function writeAt(
  root: DocFields,
  path: readonly string[],
  produce: (current: DocValue | undefined) => DocValue | undefined,
  create: boolean,
  owned: WeakSet<DocFields>,
): void {
  let fields = root;
  for (const name of path.slice(0, -1)) {
    const child = fields.get(name);
    if (child?.type !== "map" && !create) return;
    let childFields: DocFields;
    if (child?.type === "map" && owned.has(child.fields)) childFields = child.fields;
    else {
      childFields = child?.type === "map" ? new Map(child.fields) : new Map();
      owned.add(childFields);
      fields.set(name, { type: "map", fields: childFields });
    }
    fields = childFields;
  }
  const last = path[path.length - 1] as string;
  const next = produce(fields.get(last));
  if (next === undefined) fields.delete(last);
  else fields.set(last, next);
}

/** Validates each path's names and rejects a path that equals or contains another. */
function checkPaths(paths: readonly (readonly string[])[]): void {
  const seen = new Map<string, string[]>();
  const key = (segments: readonly string[]): string => segments.join("\u0000");
  for (const path of paths) {
    if (path.length === 0) fail("", "a field path must have at least one segment");
    let prefix = "";
    for (const name of path) {
      prefix = childFieldPath(prefix, name);
      validateFieldName(name, prefix);
    }
    if (seen.has(key(path))) fail(prefix, "the field path is given twice");
    seen.set(key(path), [...path]);
  }
  for (const path of paths) {
    for (let n = 1; n < path.length; n++) {
      const outer = seen.get(key(path.slice(0, n)));
      if (outer) {
        const inner = formatFieldPath(path);
        fail(inner, `it overlaps ${formatFieldPath(outer)}, which is also being written`);
      }
    }
  }
}

/** How many levels of maps and arrays `value` is (0 for a scalar). */
function containerDepth(value: DocValue): number {
  let deepest = 0;
  if (value.type === "map")
    for (const v of value.fields.values()) deepest = Math.max(deepest, containerDepth(v));
  else if (value.type === "array")
    for (const v of value.values) deepest = Math.max(deepest, containerDepth(v));
  else return 0;
  return deepest + 1;
}

function fail(fieldPath: string, problem: string): never {
  const where = fieldPath === "" ? "the update" : fieldPath;
  throw new DocumentValueError(fieldPath, `invalid update at ${where}: ${problem}`);
}
