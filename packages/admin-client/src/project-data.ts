import { adminErrorOf } from "./admin-error.js";
import { fromWireFields, toWireFields, type JsonObject, type WireValue } from "./firestore-wire.js";

/** One call of the runtime's API with the client's key (`AdminClient.request`). */
export type Call = (
  method: string,
  path: string,
  body?: unknown,
  type?: string,
) => Promise<Response>;

/** A document as the console shows it: its path below the documents root and its data. */
export interface ProjectDocument {
  path: string;
  data: JsonObject;
  createTime?: string;
  updateTime?: string;
}

export interface DocumentPage {
  documents: ProjectDocument[];
  /** The last path of this page, to pass back as `pageToken`; absent on the last page. */
  nextPageToken?: string;
}

/** What the admin API shows of a project's user (never the password hash). */
export interface ProjectUser {
  uid: string;
  email: string | null;
  emailVerified: boolean;
  anonymous: boolean;
  disabled: boolean;
  customClaims: Record<string, unknown>;
  createdAt: string;
  lastSignInAt: string | null;
  hasPassword: boolean;
}

export interface UserPage {
  users: ProjectUser[];
  nextPageToken?: string;
}

const enc = encodeURIComponent;
const base = (project: string) => `/v1/projects/${enc(project)}`;
/** The full document name, as references and cursors want it. */
const fullName = (project: string, path: string) =>
  `projects/${project}/databases/(default)/documents/${path}`;
const encPath = (path: string) => path.split("/").map(enc).join("/");

interface WireDocument {
  name: string;
  fields?: Record<string, WireValue>;
  createTime?: string;
  updateTime?: string;
}

function toDocument(doc: WireDocument): ProjectDocument {
  const at = doc.name.indexOf("/documents/");
  return {
    path: at >= 0 ? doc.name.slice(at + "/documents/".length) : doc.name,
    data: fromWireFields(doc.fields),
    ...(doc.createTime ? { createTime: doc.createTime } : {}),
    ...(doc.updateTime ? { updateTime: doc.updateTime } : {}),
  };
}

/** The deployed rules source of `service`, or null when none were deployed. */
export async function getRules(call: Call, project: string, service: "firestore" | "storage") {
  const res = await call("GET", `${base(project)}/admin/rules/${service}`);
  if (!res.ok) throw await adminErrorOf(`reading the ${service} rules of '${project}'`, res);
  return ((await res.json()) as { source: string | null }).source;
}

/** One document, read as an admin (rules do not apply); undefined when it does not exist. */
export async function getDocument(call: Call, project: string, path: string) {
  const res = await call("GET", `${base(project)}/documents/${encPath(path)}`);
  if (res.status === 404) return undefined;
  if (!res.ok) throw await adminErrorOf(`reading document '${path}' of '${project}'`, res);
  return toDocument((await res.json()) as WireDocument);
}

/** A page of the collection's documents in path order, after `pageToken` (a document path). */
export async function listDocuments(
  call: Call,
  project: string,
  collection: string,
  page: { limit: number; pageToken?: string },
): Promise<DocumentPage> {
  const segments = collection.split("/").filter((s) => s.length > 0);
  const structuredQuery = {
    from: [{ collectionId: segments.at(-1) }],
    orderBy: [{ field: { fieldPath: "__name__" }, direction: "ASCENDING" }],
    // One more than asked tells whether another page follows.
    limit: page.limit + 1,
    ...(page.pageToken
      ? {
          startAt: {
            values: [{ referenceValue: fullName(project, page.pageToken) }],
            before: false,
          },
        }
      : {}),
  };
  const res = await call("POST", `${base(project)}/documents:runQuery`, {
    parent: segments.slice(0, -1).join("/"),
    structuredQuery,
  });
  if (!res.ok) throw await adminErrorOf(`listing '${collection}' of '${project}'`, res);
  const found = ((await res.json()) as { documents: WireDocument[] }).documents.map(toDocument);
  const documents = found.slice(0, page.limit);
  return found.length > page.limit
    ? { documents, nextPageToken: documents.at(-1)!.path }
    : { documents };
}

/** Creates or replaces the document with `data`, as an admin. */
export async function setDocument(call: Call, project: string, path: string, data: JsonObject) {
  const writes = [{ update: { name: fullName(project, path), fields: toWireFields(data) } }];
  const res = await call("POST", `${base(project)}/documents:commit`, { writes });
  if (!res.ok) throw await adminErrorOf(`writing document '${path}' of '${project}'`, res);
}

/** Deletes the document (nothing happens when it does not exist), as an admin. */
export async function deleteDocument(call: Call, project: string, path: string) {
  const writes = [{ delete: fullName(project, path) }];
  const res = await call("POST", `${base(project)}/documents:commit`, { writes });
  if (!res.ok) throw await adminErrorOf(`deleting document '${path}' of '${project}'`, res);
}

/** A page of the project's users, in uid order. */
export async function listUsers(
  call: Call,
  project: string,
  page: { limit: number; pageToken?: string },
): Promise<UserPage> {
  const query = new URLSearchParams({ limit: String(page.limit) });
  if (page.pageToken) query.set("pageToken", page.pageToken);
  const res = await call("GET", `${base(project)}/admin/users?${query.toString()}`);
  if (!res.ok) throw await adminErrorOf(`listing the users of '${project}'`, res);
  return (await res.json()) as UserPage;
}

/**
 * Changes one user: `disabled` (disabling signs them out everywhere) or custom `claims`
 * (replacing the ones set before).
 */
export async function updateUser(
  call: Call,
  project: string,
  uid: string,
  change: { disabled: boolean } | { claims: Record<string, unknown> },
): Promise<ProjectUser> {
  const path = `${base(project)}/admin/users/${enc(uid)}`;
  const res =
    "disabled" in change
      ? await call("PATCH", path, { disabled: change.disabled })
      : await call("PUT", `${path}/claims`, { claims: change.claims });
  if (!res.ok) throw await adminErrorOf(`changing user '${uid}' of '${project}'`, res);
  return ((await res.json()) as { user: ProjectUser }).user;
}

/** Deletes the user; false when there was none. */
export async function deleteUser(call: Call, project: string, uid: string): Promise<boolean> {
  const res = await call("DELETE", `${base(project)}/admin/users/${enc(uid)}`);
  if (res.status === 404) return false;
  if (!res.ok) throw await adminErrorOf(`deleting user '${uid}' of '${project}'`, res);
  return true;
}
