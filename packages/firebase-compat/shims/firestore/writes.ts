// firebase-admin's set/update/create/delete as the documents API's commit writes, the way the
// Admin SDK builds them: sentinels leave the fields and become `updateTransforms`, a merge
// masks the leaves it names, update() masks the paths it names and needs the document.
import type { WireWrite } from "../context.js";
import { encodeFields, encodeValue, isPlainObject } from "./codec.js";
import { FieldPath, FieldValue, type Sentinel } from "./values.js";

type Transform = NonNullable<WireWrite["updateTransforms"]>[number];

export interface SetOptions {
  merge?: boolean;
  mergeFields?: Array<string | FieldPath>;
}

export interface Precondition {
  exists?: boolean;
  lastUpdateTime?: { toRfc3339(): string };
}

interface Split {
  data: Record<string, unknown>;
  /** Every leaf written (deletes too): a merge's mask. */
  leaves: FieldPath[];
  deletes: FieldPath[];
  transforms: Transform[];
}

function transformOf(path: FieldPath, s: Sentinel): Transform {
  const fieldPath = path.format();
  const values = (elements: unknown[]) => ({
    values: elements.map((e, i) => encodeValue(e, `${fieldPath}[${i}]`)),
  });
  switch (s.kind) {
    case "serverTimestamp":
      return { fieldPath, setToServerValue: "REQUEST_TIME" };
    case "increment":
      return { fieldPath, increment: encodeValue(s.operand, fieldPath) };
    case "arrayUnion":
      return { fieldPath, appendMissingElements: values(s.elements) };
    case "arrayRemove":
      return { fieldPath, removeAllFromArray: values(s.elements) };
    default:
      throw new TypeError(`FieldValue.${s.kind}() is not a transform`);
  }
}

/** Takes the sentinels out of `data` (nested maps included), at paths below `prefix`. */
function split(data: Record<string, unknown>, prefix: string[] = []): Split {
  const out: Split = { data: {}, leaves: [], deletes: [], transforms: [] };
  for (const [name, value] of Object.entries(data)) {
    const path = new FieldPath(...prefix, name);
    if (value instanceof FieldValue) {
      if (value.sentinel.kind === "delete") {
        out.deletes.push(path);
        out.leaves.push(path);
      } else out.transforms.push(transformOf(path, value.sentinel));
    } else if (isPlainObject(value) && Object.keys(value).length > 0) {
      const inner = split(value, path.segments);
      if (Object.keys(inner.data).length > 0) out.data[name] = inner.data;
      out.leaves.push(...inner.leaves);
      out.deletes.push(...inner.deletes);
      out.transforms.push(...inner.transforms);
    } else {
      out.data[name] = value;
      out.leaves.push(path);
    }
  }
  return out;
}

function withTransforms(write: WireWrite, transforms: Transform[]): WireWrite {
  return transforms.length > 0 ? { ...write, updateTransforms: transforms } : write;
}

/** `ref.set(data, options)`. */
export function setWrite(name: string, data: unknown, options: SetOptions = {}): WireWrite {
  if (!isPlainObject(data)) throw new TypeError("set(): expected an object of fields");
  const parts = split(data);
  const update = { name, fields: encodeFields(parts.data) };
  if (options.mergeFields) {
    const mask = options.mergeFields.map((f) => FieldPath.from(f).format());
    const masked = parts.transforms.filter((t) =>
      mask.some((m) => t.fieldPath === m || t.fieldPath.startsWith(`${m}.`)),
    );
    return withTransforms({ update, updateMask: { fieldPaths: mask } }, masked);
  }
  if (options.merge) {
    const fieldPaths = parts.leaves.map((p) => p.format());
    return withTransforms({ update, updateMask: { fieldPaths } }, parts.transforms);
  }
  if (parts.deletes.length > 0) {
    throw new TypeError("FieldValue.delete() can only be used in update() or set() with merge");
  }
  return withTransforms({ update }, parts.transforms);
}

/** `ref.create(data)`: a set that needs the document absent. */
export function createWrite(name: string, data: unknown): WireWrite {
  return { ...setWrite(name, data), currentDocument: { exists: false } };
}

/**
 * `ref.update({ "a.b": 1 })` or `ref.update("a.b", 1, "c", 2)`: each named path replaced whole,
 * the document required to exist (or to have the precondition's update time).
 */
export function updateWrite(name: string, args: unknown[]): WireWrite {
  const pairs: Array<[FieldPath, unknown]> = [];
  let precondition: Precondition | undefined;
  if (isPlainObject(args[0])) {
    for (const [key, value] of Object.entries(args[0])) pairs.push([FieldPath.from(key), value]);
    precondition = args[1] as Precondition | undefined;
  } else {
    for (let i = 0; i + 1 < args.length; i += 2) {
      pairs.push([FieldPath.from(args[i] as string | FieldPath), args[i + 1]]);
    }
    if (args.length % 2 === 1) precondition = args[args.length - 1] as Precondition;
  }
  if (pairs.length === 0) throw new TypeError("update(): expected at least one field");
  const data: Record<string, unknown> = {};
  const mask: string[] = [];
  const transforms: Transform[] = [];
  for (const [path, value] of pairs) {
    if (value instanceof FieldValue && value.sentinel.kind !== "delete") {
      transforms.push(transformOf(path, value.sentinel));
      continue;
    }
    mask.push(path.format());
    if (value instanceof FieldValue) continue;
    let target = data;
    for (const segment of path.segments.slice(0, -1)) {
      if (!isPlainObject(target[segment])) target[segment] = {};
      target = target[segment] as Record<string, unknown>;
    }
    const last = path.segments[path.segments.length - 1]!;
    if (isPlainObject(value)) {
      const inner = split(value, path.segments);
      target[last] = inner.data;
      transforms.push(...inner.transforms);
    } else target[last] = value;
  }
  return withTransforms(
    {
      update: { name, fields: encodeFields(data) },
      updateMask: { fieldPaths: mask },
      currentDocument: currentDocumentOf(precondition) ?? { exists: true },
    },
    transforms,
  );
}

export function deleteWrite(name: string, precondition?: Precondition): WireWrite {
  const current = currentDocumentOf(precondition);
  return current ? { delete: name, currentDocument: current } : { delete: name };
}

function currentDocumentOf(p: Precondition | undefined): WireWrite["currentDocument"] {
  if (p?.lastUpdateTime) return { updateTime: p.lastUpdateTime.toRfc3339() };
  if (p?.exists !== undefined) return { exists: p.exists };
  return undefined;
}
