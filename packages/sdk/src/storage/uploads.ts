/**
 * Uploads: in one request when only the content type goes along (`POST o?name=`, whose only
 * header besides the token is `Content-Type`), else through a resumable session whose opening
 * request carries the metadata as JSON — so custom metadata keeps its keys' case and any
 * Unicode, which `x-goog-meta-*` headers would lose.
 */
import { WinkyError } from "../errors.js";
import {
  fromWireObject,
  toUploadBody,
  type FullMetadata,
  type UploadMetadata,
  type WireObject,
} from "./metadata.js";
import { objectPath } from "./objects.js";
import { quote } from "./path.js";
import type { StorageReference } from "./storage.js";
import { decodeString, type StringFormat } from "./string-format.js";
import { sendChunk, startSession } from "./upload-session.js";
import { toUploadSource, wholeBody, type UploadData, type UploadSource } from "./upload-source.js";
import { UploadTask, type UploadOptions } from "./upload-task.js";

/** What a finished upload resolves. */
export interface UploadResult {
  /** The stored object's metadata. */
  metadata: FullMetadata;
  ref: StorageReference;
}

/**
 * Uploads `data` to the object at `ref`, replacing any content it had.
 *
 * @example
 * ```ts
 * const file = input.files[0]; // a File is a Blob: its type becomes the content type
 * const { metadata } = await uploadBytes(ref(storage, `users/${uid}/${file.name}`), file, {
 *   customMetadata: { album: "holidays" },
 * });
 * ```
 * @throws WinkyError invalid-argument (bad data, metadata or path; the root), permission-denied
 *   when the rules refuse, resource-exhausted past the runtime's object size limit.
 */
export async function uploadBytes(
  ref: StorageReference,
  data: UploadData,
  metadata?: UploadMetadata,
): Promise<UploadResult> {
  return upload(ref, toUploadSource(data, "uploadBytes()"), metadata, "uploadBytes()");
}

/**
 * Uploads a string's bytes: `raw` (UTF-8), `base64`, `base64url` or `data_url` (whose media
 * type becomes the content type unless the metadata names one).
 *
 * @example
 * ```ts
 * await uploadString(ref(storage, "notes/today.txt"), "Hello", "raw", { contentType: "text/plain" });
 * await uploadString(ref(storage, "img/dot.png"), canvas.toDataURL(), "data_url");
 * ```
 * @throws WinkyError invalid-argument for a string that is not in `format` (naming the bad
 *   character and its position), and as {@link uploadBytes}.
 */
export async function uploadString(
  ref: StorageReference,
  value: string,
  format: StringFormat = "raw",
  metadata?: UploadMetadata,
): Promise<UploadResult> {
  objectPath(ref, "uploadString()");
  const decoded = decodeString(value, format);
  const withType =
    decoded.contentType !== undefined && metadata?.contentType === undefined
      ? { ...metadata, contentType: decoded.contentType }
      : metadata;
  return upload(ref, toUploadSource(decoded.bytes, "uploadString()"), withType, "uploadString()");
}

/**
 * Starts a resumable upload of `data`, sent in chunks (1 MiB unless `options.chunkSize`),
 * and returns its task: await it, watch its progress, pause, resume or cancel it.
 *
 * @example
 * ```ts
 * const task = uploadBytesResumable(ref(storage, `videos/${uid}/clip.mp4`), file);
 * task.on("state_changed", (s) => bar.value = s.bytesTransferred / s.totalBytes);
 * const { metadata } = await task;
 * ```
 * @throws WinkyError invalid-argument at once for bad data, metadata or path; the task fails
 *   with the runtime's refusals (permission-denied, resource-exhausted).
 */
export function uploadBytesResumable(
  ref: StorageReference,
  data: UploadData,
  metadata?: UploadMetadata,
  options?: UploadOptions,
): UploadTask {
  objectPath(ref, "uploadBytesResumable()");
  const source = toUploadSource(data, "uploadBytesResumable()");
  const body = uploadBody(metadata, source, "uploadBytesResumable()");
  return new UploadTask(ref, source, body, options);
}

async function upload(
  ref: StorageReference,
  source: UploadSource,
  metadata: UploadMetadata | undefined,
  what: string,
): Promise<UploadResult> {
  objectPath(ref, what);
  const body = uploadBody(metadata, source, what);
  const http = ref.storage.http;
  if (Object.keys(body).every((key) => key === "contentType")) {
    const response = await http.raw(`/storage/o?name=${encodeURIComponent(ref.fullPath)}`, {
      method: "POST",
      headers: {
        accept: "application/json",
        "content-type": body.contentType ?? "application/octet-stream",
      },
      body: wholeBody(source),
      authenticated: true,
    });
    return { metadata: fromWireObject(ref, (await response.json()) as WireObject), ref };
  }
  const uploadId = await startSession(http, ref.fullPath, source.size, body);
  const answer = await sendChunk(http, uploadId, source, { start: 0, end: source.size });
  if (!answer.done) {
    throw new WinkyError(
      "internal",
      `the runtime kept ${answer.offset} of ${source.size} bytes of ${quote(ref.fullPath)}`,
    );
  }
  return { metadata: fromWireObject(ref, answer.object), ref };
}

/** The runtime's JSON for `metadata`, with the Blob's type when it names none (Firebase's rule). */
function uploadBody(metadata: UploadMetadata | undefined, source: UploadSource, what: string) {
  const body = toUploadBody(metadata, what);
  if (body.contentType === undefined && source.type !== "") body.contentType = source.type;
  return body;
}
