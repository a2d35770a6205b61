/**
 * Downloads: the content (`GET o/<path>?alt=media`, with the ID token, so the rules decide),
 * and download URLs, which are the runtime's signed URLs (`POST o/<path>:signUrl`).
 */
import { WinkyError, invalidArgument, networkError } from "../errors.js";
import { objectPath } from "./objects.js";
import type { StorageReference } from "./storage.js";

/** A signed URL's longest life, and so {@link getDownloadURL}'s default: 7 days. */
export const MAX_DOWNLOAD_URL_SECONDS = 7 * 24 * 3600;

/** Options of {@link getDownloadURL} (a Winky addition to Firebase's signature). */
export interface DownloadURLOptions {
  /** Seconds the URL works, 1 to {@link MAX_DOWNLOAD_URL_SECONDS} (the default). */
  expiresInSeconds?: number;
}

/**
 * Downloads an object's content. With `maxDownloadSizeBytes`, only that many first bytes are
 * read (the rest of the answer is dropped), as Firebase's does.
 *
 * @example
 * ```ts
 * const text = new TextDecoder().decode(await getBytes(ref(storage, "notes/today.txt")));
 * ```
 * @throws WinkyError not-found, permission-denied; invalid-argument for a bad maximum.
 */
export async function getBytes(
  ref: StorageReference,
  maxDownloadSizeBytes?: number,
): Promise<ArrayBuffer> {
  return (await download(ref, maxDownloadSizeBytes, "getBytes()")).bytes.buffer as ArrayBuffer;
}

/**
 * Downloads an object's content as a Blob typed with its content type (browsers, Node 18+).
 *
 * @example
 * ```ts
 * img.src = URL.createObjectURL(await getBlob(ref(storage, `users/${uid}/avatar.png`)));
 * ```
 * @throws WinkyError failed-precondition where there is no `Blob`, and as {@link getBytes}.
 */
export async function getBlob(ref: StorageReference, maxDownloadSizeBytes?: number): Promise<Blob> {
  if (typeof Blob === "undefined") {
    throw new WinkyError(
      "failed-precondition",
      "getBlob(): this platform has no Blob; use getBytes()",
    );
  }
  const { bytes, type } = await download(ref, maxDownloadSizeBytes, "getBlob()");
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
}

/**
 * A URL that downloads the object without credentials, for `<img src>` and links: the
 * runtime's signed URL, made only if the rules let the signed-in user read the object.
 * Unlike Firebase's download URLs it expires (after 7 days unless `expiresInSeconds`), and an
 * admin's rotation of the project's signing key revokes every URL made before; so store the
 * object's path, not its URL.
 *
 * @example
 * ```ts
 * img.src = await getDownloadURL(ref(storage, "images/cat.png"));
 * ```
 * @throws WinkyError not-found, permission-denied; invalid-argument for a bad lifetime.
 */
export async function getDownloadURL(
  ref: StorageReference,
  options: DownloadURLOptions = {},
): Promise<string> {
  const path = objectPath(ref, "getDownloadURL()");
  const { expiresInSeconds = MAX_DOWNLOAD_URL_SECONDS } = options;
  if (
    !Number.isSafeInteger(expiresInSeconds) ||
    expiresInSeconds < 1 ||
    expiresInSeconds > MAX_DOWNLOAD_URL_SECONDS
  ) {
    throw invalidArgument(
      `getDownloadURL(): expiresInSeconds must be an integer from 1 to ${MAX_DOWNLOAD_URL_SECONDS}`,
    );
  }
  const answer = await ref.storage.http.request<{ url?: unknown }>(`${path}:signUrl`, {
    method: "POST",
    body: { method: "GET", expiresInSeconds },
    authenticated: true,
  });
  if (typeof answer?.url !== "string") {
    throw new WinkyError("internal", "the runtime signed no URL");
  }
  return answer.url;
}

async function download(
  ref: StorageReference,
  max: number | undefined,
  what: string,
): Promise<{ bytes: Uint8Array; type: string }> {
  const path = objectPath(ref, what);
  if (max !== undefined && (!Number.isSafeInteger(max) || max < 0)) {
    throw invalidArgument(`${what}: maxDownloadSizeBytes must be a non-negative integer`);
  }
  const http = ref.storage.http;
  const response = await http.raw(`${path}?alt=media`, { method: "GET", authenticated: true });
  const type = response.headers.get("content-type") ?? "";
  try {
    return { bytes: await readBody(response, max ?? Number.POSITIVE_INFINITY), type };
  } catch (e) {
    throw networkError(http.base + path, e);
  }
}

/**
 * The body's first `max` bytes. Read chunk by chunk rather than with a `Range` header, which
 * a page on another origin could only send after a CORS preflight the runtime refuses.
 */
async function readBody(response: Response, max: number): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array(await response.arrayBuffer()).slice(0, max);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < max) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  if (size >= max) await reader.cancel();
  const out = new Uint8Array(Math.min(size, max));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, out.length - at);
    out.set(part, at);
    at += part.length;
  }
  return out;
}
