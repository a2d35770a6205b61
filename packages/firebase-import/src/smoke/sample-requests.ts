// Requests a real app would make, built from the imported data: for the first document of each
// collection shape (`users/*/notes`), a read signed out, a read and a rewrite by its owner, a
// read by another user and a listing by the owner; for the first file of each top folder, a
// read signed out, by its owner and by another user. The owner is the user whose uid is one of
// the document's path segments, else the one named by an `owner`/`uid`/`userId` field.
import type { ImportedDocument } from "../data/index.js";
import { collectionShape } from "../data/index.js";
import type { ImportUser } from "../auth/auth-users.js";
import type { StorageFile } from "../storage/storage-files.js";

export interface SampleRequest {
  service: "firestore" | "storage";
  method: "get" | "list" | "update";
  /** A document path, a collection path for `list`, or an object name. */
  path: string;
  /** The signed-in user, or null. */
  as: ImportUser | null;
  /** Why this request: "signed out", "owner", "another user". */
  who: string;
  document?: ImportedDocument;
}

const OWNER_FIELDS = ["owner", "ownerId", "uid", "userId", "author", "authorId", "createdBy"];

export function sampleRequests(
  documents: readonly ImportedDocument[],
  files: readonly StorageFile[],
  users: readonly ImportUser[],
): SampleRequest[] {
  const byUid = new Map(users.map((u) => [u.uid, u]));
  const requests: SampleRequest[] = [];
  const seen = new Set<string>();
  for (const document of documents) {
    const shape = collectionShape(document.path);
    if (seen.has(shape)) continue;
    seen.add(shape);
    const owner = ownerOf(document.path.split("/"), byUid) ?? ownerByField(document, byUid);
    const other = users.find((u) => u !== owner && !u.disabled) ?? null;
    const collection = document.path.split("/").slice(0, -1).join("/");
    const base = { service: "firestore" as const, document };
    requests.push({ ...base, method: "get", path: document.path, as: null, who: "signed out" });
    if (owner) {
      requests.push({ ...base, method: "get", path: document.path, as: owner, who: "owner" });
      requests.push({ ...base, method: "update", path: document.path, as: owner, who: "owner" });
      requests.push({ ...base, method: "list", path: collection, as: owner, who: "owner" });
    }
    if (other)
      requests.push({
        ...base,
        method: "get",
        path: document.path,
        as: other,
        who: "another user",
      });
  }
  const folders = new Set<string>();
  for (const file of files) {
    const folder = file.name.split("/")[0]!;
    if (folders.has(folder)) continue;
    folders.add(folder);
    const owner = ownerOf(file.name.split("/"), byUid);
    const other = users.find((u) => u !== owner && !u.disabled) ?? null;
    const base = { service: "storage" as const, method: "get" as const, path: file.name };
    requests.push({ ...base, as: null, who: "signed out" });
    if (owner) requests.push({ ...base, as: owner, who: "owner" });
    if (other) requests.push({ ...base, as: other, who: "another user" });
  }
  return requests;
}

function ownerOf(segments: readonly string[], byUid: ReadonlyMap<string, ImportUser>) {
  for (const segment of segments) {
    const user = byUid.get(segment);
    if (user) return user;
  }
  return undefined;
}

function ownerByField(document: ImportedDocument, byUid: ReadonlyMap<string, ImportUser>) {
  for (const field of OWNER_FIELDS) {
    const value = document.fields.get(field);
    if (value?.type === "string" && byUid.has(value.value)) return byUid.get(value.value);
    if (value?.type === "reference") {
      const user = byUid.get(value.path.split("/").at(-1) ?? "");
      if (user) return user;
    }
  }
  return undefined;
}
