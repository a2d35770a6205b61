/**
 * One object's metadata and its deletion: `GET`, `PATCH` and `DELETE` on
 * `/v1/projects/<project>/storage/o/<path, percent-encoded once>`.
 */
import { invalidArgument } from "../errors.js";
import {
  fromWireObject,
  toMetadataPatch,
  type FullMetadata,
  type SettableMetadata,
  type WireObject,
} from "./metadata.js";
import type { StorageReference } from "./storage.js";

/**
 * @internal The object's URL path below the project, for a reference that names an object.
 * @throws WinkyError invalid-argument for the root, naming the operation.
 */
export function objectPath(ref: StorageReference, operation: string): string {
  if (ref.fullPath === "") {
    throw invalidArgument(`${operation}: the root reference names no object; use ref.child(name)`);
  }
  // Encoded once, `/` included, as Firebase clients do; the runtime decodes it once.
  return `/storage/o/${encodeURIComponent(ref.fullPath)}`;
}

/**
 * Reads an object's metadata.
 *
 * @example
 * ```ts
 * const { size, contentType, customMetadata } = await getMetadata(ref(storage, "docs/a.pdf"));
 * ```
 * @throws WinkyError not-found when there is no such object (and the rules allow reading
 *   it), permission-denied when the rules refuse.
 */
export async function getMetadata(ref: StorageReference): Promise<FullMetadata> {
  const wire = await ref.storage.http.request<WireObject>(objectPath(ref, "getMetadata()"), {
    method: "GET",
    authenticated: true,
  });
  return fromWireObject(ref, wire);
}

/**
 * Changes an object's metadata and resolves all of it: the fields given replace, `null`
 * removes, fields left out stay; `customMetadata` merges key by key (`null` removes a key).
 *
 * @example
 * ```ts
 * await updateMetadata(photo, { cacheControl: "public, max-age=300", customMetadata: { album: null } });
 * ```
 * @throws WinkyError invalid-argument for a field the runtime does not store or a bad type,
 *   not-found, permission-denied.
 */
export async function updateMetadata(
  ref: StorageReference,
  metadata: SettableMetadata,
): Promise<FullMetadata> {
  const path = objectPath(ref, "updateMetadata()");
  const wire = await ref.storage.http.request<WireObject>(path, {
    method: "PATCH",
    body: toMetadataPatch(metadata),
    authenticated: true,
  });
  return fromWireObject(ref, wire);
}

/**
 * Deletes an object.
 *
 * @example
 * ```ts
 * await deleteObject(ref(storage, `users/${uid}/old.png`));
 * ```
 * @throws WinkyError not-found when there is no such object (unlike `deleteDoc`, as in
 *   Firebase), permission-denied when the rules refuse.
 */
export async function deleteObject(ref: StorageReference): Promise<void> {
  await ref.storage.http.request(objectPath(ref, "deleteObject()"), {
    method: "DELETE",
    authenticated: true,
  });
}
