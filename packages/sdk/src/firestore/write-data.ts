/**
 * Write data → Firestore REST `Write`s, with Firebase's semantics: set replaces the document;
 * set with `merge` touches every leaf path of the data (the update mask); set with `mergeFields`
 * touches only the named paths; update takes dotted keys, replaces each named field and needs
 * the document to exist. FieldValues become `updateTransforms` (and `deleteField()` a mask
 * entry without a value, which the runtime reads as "delete").
 */
import { invalidArgument } from "../errors.js";
import {
  encodeAt,
  encodeFields,
  isPlainObject,
  toWireValue,
  type EncodeContext,
} from "../values/encode.js";
import { formatFieldPath, getPath, isPrefixOf, parseFieldPath } from "../values/field-path.js";
import { FieldValue } from "../values/field-value.js";
import type { WireFields, WireTransform, WireValue, WireWrite } from "../values/wire.js";
import type { DocumentReference } from "./references.js";

/**
 * Options of {@link setDoc}: merge into the existing document instead of replacing it.
 *
 * @example
 * ```ts
 * await setDoc(ref, { address: { city: "Paris" } }, { merge: true }); // keeps address.street
 * await setDoc(ref, { name: "Ada", age: 37 }, { mergeFields: ["age"] }); // writes only age
 * ```
 */
export interface SetOptions {
  /** Touch only the leaf fields present in the data. */
  merge?: boolean;
  /** Touch only these dotted field paths, each of which the data must hold. */
  mergeFields?: string[];
}

type Transform = { path: string[]; json: WireTransform };

/** @throws WinkyError invalid-argument naming the bad field. */
export function setWrite(
  ref: DocumentReference,
  data: unknown,
  options: SetOptions = {},
  method = "setDoc()",
): WireWrite {
  if (options.merge && options.mergeFields)
    throw invalidArgument(`${method}: give merge or mergeFields, not both`);
  const merging = options.merge === true || options.mergeFields !== undefined;
  let transforms: Transform[] = [];
  let fields = encodeFields(data, {
    method,
    onFieldValue: (value, path) => {
      if (value.kind !== "delete") transforms.push(transform(value, path, method));
      else if (!merging) {
        throw invalidArgument(
          `Function ${method} called with invalid data. deleteField() can only be used with update() and set() with {merge:true} (found in field ${path.join(".")})`,
        );
      }
    },
  });
  let mask: string[][] | undefined;
  if (options.merge) mask = leafPaths(data as Record<string, unknown>, []);
  else if (options.mergeFields) {
    mask = options.mergeFields.map((p) => parseFieldPath(p, method));
    for (const path of mask) {
      if (getPath(data, path) === undefined) {
        throw invalidArgument(
          `${method}: field '${path.join(".")}' is in mergeFields but missing from the data`,
        );
      }
    }
    fields = pick(fields, mask);
    transforms = transforms.filter((t) => mask!.some((m) => isPrefixOf(m, t.path)));
  }
  return toWrite(ref, fields, mask, transforms);
}

/** @throws WinkyError invalid-argument naming the bad field or conflicting paths. */
export function updateWrite(
  ref: DocumentReference,
  data: unknown,
  method = "updateDoc()",
): WireWrite {
  if (!isPlainObject(data))
    throw invalidArgument(`Function ${method} called with invalid data. Data must be an object`);
  const fields: WireFields = {};
  const mask: string[][] = [];
  const transforms: Transform[] = [];
  const context: EncodeContext = {
    method,
    onFieldValue: (value, path) => {
      if (value.kind === "delete") {
        throw invalidArgument(
          `${method}: deleteField() can only appear at the top level of the update data (found in field ${path.join(".")})`,
        );
      }
      transforms.push(transform(value, path, method));
    },
  };
  for (const [key, value] of Object.entries(data)) {
    const path = parseFieldPath(key, method);
    for (const other of [...mask, ...transforms.map((t) => t.path)]) {
      if (isPrefixOf(other, path) || isPrefixOf(path, other)) {
        throw invalidArgument(
          `${method}: field '${key}' conflicts with field '${other.join(".")}'`,
        );
      }
    }
    if (value instanceof FieldValue && value.kind === "delete") {
      mask.push(path);
      continue;
    }
    const wire = encodeAt(value, context, path);
    if (wire === undefined) continue; // a transform, which is not part of the mask
    setPath(fields, path, wire);
    mask.push(path);
  }
  return { ...toWrite(ref, fields, mask, transforms), currentDocument: { exists: true } };
}

/** A delete of `ref`. */
export function deleteWrite(ref: DocumentReference): WireWrite {
  return { delete: ref.path };
}

function toWrite(
  ref: DocumentReference,
  fields: WireFields,
  mask: string[][] | undefined,
  transforms: Transform[],
): WireWrite {
  return {
    update: { name: ref.path, fields },
    ...(mask ? { updateMask: { fieldPaths: mask.map(formatFieldPath) } } : {}),
    ...(transforms.length > 0 ? { updateTransforms: transforms.map((t) => t.json) } : {}),
  };
}

/**
 * Every leaf path of merge data, as Firebase computes a merge mask: recursing into non-empty
 * plain objects; an empty object is a leaf (it sets an empty map); transforms are left out
 * (they are applied after the mask) but deleteField() is in (a masked path without a value
 * deletes the field).
 */
export function leafPaths(data: Record<string, unknown>, prefix: string[]): string[][] {
  const paths: string[][] = [];
  for (const [key, value] of Object.entries(data)) {
    const path = [...prefix, key];
    if (isPlainObject(value) && Object.keys(value).length > 0)
      paths.push(...leafPaths(value, path));
    else if (!(value instanceof FieldValue) || value.kind === "delete") paths.push(path);
  }
  return paths;
}

function transform(value: FieldValue, path: string[], method: string): Transform {
  const fieldPath = formatFieldPath(path);
  const context = { method: `${method} ${value.method}` };
  switch (value.kind) {
    case "serverTimestamp":
      return { path, json: { fieldPath, setToServerValue: "REQUEST_TIME" } };
    case "increment": {
      if (typeof value.operand !== "number" && typeof value.operand !== "bigint") {
        throw invalidArgument(
          `${value.method} needs a number or a bigint (found in field ${path.join(".")})`,
        );
      }
      return { path, json: { fieldPath, increment: toWireValue(value.operand, context) } };
    }
    default: {
      const values = (value.elements ?? []).map(
        (e) => encodeAt(e, context, path, true) as WireValue,
      );
      return value.kind === "arrayUnion"
        ? { path, json: { fieldPath, appendMissingElements: { values } } }
        : { path, json: { fieldPath, removeAllFromArray: { values } } };
    }
  }
}

/** The parts of `fields` at `paths`, nested as they were. */
function pick(fields: WireFields, paths: string[][]): WireFields {
  const out: WireFields = {};
  for (const path of paths) {
    let source: WireFields | undefined = fields;
    let value: WireValue | undefined;
    for (const segment of path) {
      value = source && Object.hasOwn(source, segment) ? source[segment] : undefined;
      source = value && "mapValue" in value ? value.mapValue.fields : undefined;
    }
    if (value !== undefined) setPath(out, path, value);
  }
  return out;
}

/** Sets `value` at `path`, creating the maps on the way. */
function setPath(fields: WireFields, path: string[], value: WireValue): void {
  let target = fields;
  for (const segment of path.slice(0, -1)) {
    let next = Object.hasOwn(target, segment) ? target[segment] : undefined;
    if (!next || !("mapValue" in next)) {
      next = { mapValue: { fields: {} } };
      Object.defineProperty(target, segment, { value: next, enumerable: true, writable: true });
    }
    target = next.mapValue.fields ??= {};
  }
  Object.defineProperty(target, path.at(-1)!, { value, enumerable: true, writable: true });
}
