/**
 * What an upload reads: a Blob (a browser's File), a Uint8Array (Node's Buffer too) or an
 * ArrayBuffer, behind one shape. A Blob is sliced lazily, so a large file is never read into
 * memory whole: each chunk of a resumable upload reads only its own bytes.
 */
import { invalidArgument } from "../errors.js";

/** The data the uploads take, as Firebase's do. */
export type UploadData = Blob | Uint8Array | ArrayBuffer;

/** @internal An upload's bytes: their count, their type (a Blob's), and slices of them. */
export interface UploadSource {
  readonly size: number;
  /** The Blob's `type`, or empty: the content type when the metadata names none. */
  readonly type: string;
  /** Bytes `start` to `end` (exclusive), as a fetch body. */
  slice(start: number, end: number): Blob | Uint8Array;
}

/**
 * @internal The source of `data`.
 * @throws WinkyError invalid-argument for anything but a Blob, Uint8Array or ArrayBuffer.
 */
export function toUploadSource(data: unknown, what: string): UploadSource {
  if (typeof Blob !== "undefined" && data instanceof Blob) {
    return { size: data.size, type: data.type, slice: (start, end) => data.slice(start, end) };
  }
  const bytes =
    data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null;
  if (bytes === null) {
    const kind =
      data === null ? "null" : typeof data === "object" ? data.constructor?.name : typeof data;
    throw invalidArgument(
      `${what}: data must be a Blob, Uint8Array or ArrayBuffer, got ${kind}` +
        (typeof data === "string" ? " (use uploadString() for strings)" : ""),
    );
  }
  return {
    size: bytes.byteLength,
    type: "",
    // subarray shares the bytes: nothing is copied per chunk.
    slice: (start, end) => bytes.subarray(start, end),
  };
}

/** @internal The whole source, as one fetch body. */
export function wholeBody(source: UploadSource): Blob | Uint8Array {
  return source.slice(0, source.size);
}
