/**
 * The runtime's resumable upload sessions, one request each: open a session
 * (`POST o?name=&uploadType=resumable`, the size and type declared for the rules), send a
 * chunk (`PUT o?upload_id=` with `Content-Range`), ask where it stands (`bytes *\/<total>`),
 * cancel it (`DELETE`). The upload id is the session's capability, so chunks go without the
 * ID token: a token that expires mid-upload cannot stop it.
 */
import { WinkyError } from "../errors.js";
import type { HttpClient } from "../http.js";
import type { WireObject, WireUploadMetadata } from "./metadata.js";
import type { UploadSource } from "./upload-source.js";

/** Where a session stands after a request: committed (with the object), or at an offset. */
export type ChunkAnswer = { done: true; object: WireObject } | { done: false; offset: number };

/**
 * Opens a session for `size` bytes at `path`; the rules judge it now.
 * @throws WinkyError permission-denied, resource-exhausted (too large), invalid-argument.
 */
export async function startSession(
  http: HttpClient,
  path: string,
  size: number,
  metadata: WireUploadMetadata,
): Promise<string> {
  const headers: Record<string, string> = {
    accept: "application/json",
    "content-type": "application/json",
    "x-upload-content-length": String(size),
  };
  if (metadata.contentType !== undefined) headers["x-upload-content-type"] = metadata.contentType;
  const response = await http.raw(
    `/storage/o?name=${encodeURIComponent(path)}&uploadType=resumable`,
    {
      method: "POST",
      headers,
      body: JSON.stringify(metadata),
      authenticated: true,
    },
  );
  const answer = (await response.json()) as { uploadId?: unknown };
  if (typeof answer.uploadId !== "string") {
    throw new WinkyError("internal", "the runtime opened an upload session without an uploadId", {
      status: response.status,
    });
  }
  return answer.uploadId;
}

/**
 * Sends bytes `start` to `end` (exclusive) of `total`; with `start === end`, sends nothing and
 * asks where the session stands (which commits it when every byte is already in).
 * @throws WinkyError aborted (`details.expectedOffset`) when the runtime holds another offset,
 *   not-found for an unknown or cancelled session.
 */
export async function sendChunk(
  http: HttpClient,
  uploadId: string,
  source: UploadSource,
  range: { start: number; end: number },
  signal?: AbortSignal,
): Promise<ChunkAnswer> {
  const { start, end } = range;
  const total = source.size;
  const response = await http.raw(sessionPath(uploadId), {
    method: "PUT",
    headers: {
      accept: "application/json",
      "content-type": "application/octet-stream",
      "content-range": end > start ? `bytes ${start}-${end - 1}/${total}` : `bytes */${total}`,
    },
    body: end > start ? source.slice(start, end) : new Uint8Array(0),
    expect: [308],
    ...(signal ? { signal } : {}),
  });
  if (response.status === 308) {
    await response.body?.cancel();
    // A page on another origin cannot read Range (the runtime exposes no headers): a 308 to a
    // chunk then still means all of it is in.
    const range = response.headers.get("range");
    return { done: false, offset: range !== null ? offsetOf(range) : end > start ? end : 0 };
  }
  return { done: true, object: (await response.json()) as WireObject };
}

/** Cancels a session; one already gone is not an error (it is gone either way). */
export async function cancelSession(http: HttpClient, uploadId: string): Promise<void> {
  await http.raw(sessionPath(uploadId), { method: "DELETE", expect: [404] });
}

function sessionPath(uploadId: string): string {
  return `/storage/o?uploadType=resumable&upload_id=${encodeURIComponent(uploadId)}`;
}

/** The offset a 308's `Range: bytes=0-<last>` says; 0 for anything else. */
export function offsetOf(range: string): number {
  const match = /^bytes=0-(\d+)$/.exec(range.trim());
  return match ? Number(match[1]) + 1 : 0;
}
