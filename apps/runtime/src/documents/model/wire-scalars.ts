/**
 * The wire forms that need more than a type check: base64 bytes and full reference names
 * (`projects/{p}/databases/{d}/documents/{path}`).
 */
import { isInvalidPathError } from "./errors.js";
import { parseDocumentPath } from "./paths.js";

/** What the wire codec needs to know about where the documents live. */
export interface WireOptions {
  /** The project the request is for: references must point into it. */
  projectId: string;
  /** The database id; `(default)` unless given. */
  databaseId?: string;
}

/** A reason a wire value was rejected, returned rather than thrown so the caller adds the path. */
export class Problem {
  constructor(readonly message: string) {}
}

// proto3 JSON accepts standard and URL-safe base64, padded or not; we emit standard padded.
const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/;

/** Decodes a `bytesValue`. */
export function decodeBytes(body: unknown): Uint8Array | Problem {
  if (typeof body !== "string") return new Problem(`${typeof body} is not a base64 string`);
  const unpadded = body.replace(/=+$/, "");
  const valid =
    BASE64.test(body) &&
    unpadded.length % 4 !== 1 &&
    (unpadded.length === body.length || body.length % 4 === 0);
  if (!valid) return new Problem("the text is not valid base64");
  // Buffer skips characters it does not know, hence the strict check above.
  const buffer = Buffer.from(unpadded.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return new Uint8Array(buffer); // a copy: small Buffers are views into a shared pool
}

/** Encodes bytes as standard, padded base64. */
export function encodeBytes(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** The prefix of every document name in the database the options point at. */
export function documentsRoot(options: WireOptions): string {
  return `projects/${options.projectId}/databases/${options.databaseId ?? "(default)"}/documents/`;
}

const FULL_NAME = /^projects\/([^/]+)\/databases\/([^/]+)\/documents(?:\/(.*))?$/s;

/**
 * A name as a client sends it, made relative to the documents root: a relative path stays as
 * it is; Firestore's full resource name (`projects/{p}/databases/{d}/documents/{path}`, what
 * REST clients send) loses its root, and must name the request's project and database. The
 * root itself (`…/documents`) is "". A relative path that reads as a full name (a collection
 * `projects` with subcollections `databases` and `documents`) is taken as one.
 */
export function relativeName(name: string, options: WireOptions): string | Problem {
  const m = FULL_NAME.exec(name);
  if (!m) return name;
  const databaseId = options.databaseId ?? "(default)";
  if (m[1] !== options.projectId || m[2] !== databaseId) {
    return new Problem(
      `${JSON.stringify(name)} names project ${m[1]}, database ${m[2]}; this request is for ` +
        `project ${options.projectId}, database ${databaseId}`,
    );
  }
  return m[3] ?? "";
}

/**
 * Decodes a `referenceValue` to a document path relative to the documents root. Rejects
 * references into another project or database and names that are not documents.
 */
export function decodeReference(body: unknown, options: WireOptions): string | Problem {
  if (typeof body !== "string") return new Problem(`${typeof body} is not a document name`);
  const root = documentsRoot(options);
  if (!body.startsWith(root)) {
    const m = /^projects\/([^/]+)\/databases\/([^/]+)\/documents\//.exec(body);
    if (!m) return new Problem(`${JSON.stringify(body)} is not of the form ${root}<path>`);
    return new Problem(
      `${JSON.stringify(body)} points into project ${m[1]}, database ${m[2]}; only ` +
        `references within ${root.slice(0, -"/documents/".length)} are allowed`,
    );
  }
  const relative = body.slice(root.length);
  try {
    return parseDocumentPath(relative).path;
  } catch (e) {
    if (isInvalidPathError(e)) return new Problem(e.message);
    throw e;
  }
}
