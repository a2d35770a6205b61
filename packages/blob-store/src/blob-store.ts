import type { Readable } from "node:stream";

/** Content to store: a stream (read once, never held whole in memory) or bytes. */
export type BlobBody = Readable | Buffer | Uint8Array;

/** How to store a new generation of an object. */
export interface WriteOptions {
  /** Defaults to `application/octet-stream`. Printable ASCII, at most 1024 characters. */
  contentType?: string;
  /** Custom metadata (Firebase's `customMetadata`); at most 1024 bytes as JSON. */
  metadata?: Record<string, string>;
  cacheControl?: string;
  contentDisposition?: string;
  /**
   * Write only if the live object has this generation; `"0"` means "only if there is none".
   * Checked when the write commits.
   */
  ifGenerationMatch?: string;
}

/** A resumable upload's options: a write's, plus the total size when the client knows it. */
export interface StartUploadOptions extends WriteOptions {
  /** When given, appends past it fail with `too-large` and a shorter finish fails. */
  size?: number;
}

/** An object's metadata, shaped like Cloud Storage's object resource. */
export interface BlobInfo {
  bucket: string;
  name: string;
  size: number;
  contentType: string;
  /** Base64 of the MD5 of the content, computed while it streamed in. */
  md5Hash: string;
  /** Base64 CRC32C; no store computes it yet. */
  crc32c?: string;
  /** Decimal string, greater for every new content written under this name. */
  generation: string;
  /** Decimal string: 1 for new content, +1 for every metadata update. */
  metageneration: string;
  /** ISO 8601: when this generation was written. */
  timeCreated: string;
  /** ISO 8601: when this generation's metadata last changed. */
  updated: string;
  metadata: Record<string, string>;
  cacheControl?: string;
  contentDisposition?: string;
}

/** Byte range, both ends inclusive as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  /** Defaults to the last byte; past it is cut to the last byte. */
  end?: number;
}

export interface BlobRead {
  info: BlobInfo;
  /** The content, or the requested range of it. The caller must consume or destroy it. */
  body: Readable;
  /** The range served (end inclusive), when one was asked for. */
  range?: { start: number; end: number };
}

export interface ListOptions {
  /** Only names that start with this text. */
  prefix?: string;
  /** Only `/`: names with a further `/` after the prefix are rolled up into `prefixes`. */
  delimiter?: "/";
  /** 1 to 1000 entries (items and prefixes together), default 1000. */
  pageSize?: number;
  /** From a previous page's `nextPageToken`, with the same prefix and delimiter. */
  pageToken?: string;
}

export interface ListedBlob {
  name: string;
  size: number;
}

export interface ListPage {
  /** In UTF-8 byte order of their names. */
  items: ListedBlob[];
  /** `prefix` + segment + `/`, in byte order; only with a delimiter. */
  prefixes: string[];
  /** Present exactly when there are more entries. */
  nextPageToken?: string;
}

/** A metadata change: `null` clears a field or a custom key, an absent field stays. */
export interface MetadataPatch {
  contentType?: string | null;
  cacheControl?: string | null;
  contentDisposition?: string | null;
  /** Merged key by key into the custom metadata; `null` removes a key. `null` removes all. */
  metadata?: Record<string, string | null> | null;
  ifGenerationMatch?: string;
  ifMetagenerationMatch?: string;
}

export interface UploadStatus {
  uploadId: string;
  bucket: string;
  name: string;
  /** Bytes received and kept; the next append must start here. */
  offset: number;
  /** The declared total size, when the upload was started with one. */
  size?: number;
  /** ISO 8601: after this the upload is gone. */
  expiresAt: string;
}

/**
 * Object storage for the runtime's Firebase-Storage-like feature. A bucket is one project's
 * storage namespace; object names are Firebase Storage paths (`users/u1/avatar.png`), checked
 * by {@link objectNameProblem} in every store.
 *
 * Semantics every implementation keeps (the conformance suite `describeBlobStore` checks them):
 * - Writes are all or nothing: a reader sees the previous generation or the new one, never a
 *   partial object, even if the writer's stream fails or the process dies mid-write.
 * - Concurrent writes to one name: the last to commit wins and has the greatest generation.
 * - `get` and `stat` resolve `null` for a missing object; `delete` resolves `false` (the
 *   runtime answers 404, as Firebase does); `updateMetadata` throws `not-found`.
 * - Errors are {@link BlobStoreError}s whose messages name the bucket and object.
 */
export interface BlobStore {
  /**
   * Stores `body` as a new generation of `bucket`/`name`.
   * @throws {BlobStoreError} `invalid-name`, `invalid-argument`, `precondition-failed`,
   *   `too-large`; a failing `body` stream rejects with its own error and stores nothing.
   */
  put(bucket: string, name: string, body: BlobBody, options?: WriteOptions): Promise<BlobInfo>;

  /**
   * The object's content (or a range of it) with its metadata, or `null` when absent.
   * @throws {BlobStoreError} `invalid-name`, `invalid-range` (start past the last byte).
   */
  get(bucket: string, name: string, options?: { range?: ByteRange }): Promise<BlobRead | null>;

  /** The object's metadata, or `null` when absent. */
  stat(bucket: string, name: string): Promise<BlobInfo | null>;

  /**
   * Deletes the object. Idempotent: resolves `true` if it removed one, `false` if none was there.
   * @throws {BlobStoreError} `precondition-failed` when `ifGenerationMatch` does not hold.
   */
  delete(bucket: string, name: string, options?: { ifGenerationMatch?: string }): Promise<boolean>;

  /**
   * One page of names in UTF-8 byte order.
   * @throws {BlobStoreError} `invalid-argument` for a bad prefix, delimiter, size or token.
   */
  list(bucket: string, options?: ListOptions): Promise<ListPage>;

  /**
   * Changes metadata, not content: same generation, metageneration + 1.
   * @throws {BlobStoreError} `not-found`, `precondition-failed`, `invalid-argument`.
   */
  updateMetadata(bucket: string, name: string, patch: MetadataPatch): Promise<BlobInfo>;

  /**
   * Opens a resumable upload and returns its id: 32 hex characters, unguessable, to be kept by
   * the client like a Cloud Storage session URI. Uploads expire (`uploadTtlMs`).
   * @throws {BlobStoreError} `invalid-name`, `invalid-argument`, `precondition-failed`.
   */
  startUpload(bucket: string, name: string, options?: StartUploadOptions): Promise<string>;

  /**
   * Appends `chunk` at `offset`, which must equal the bytes received so far. If `chunk` is a
   * stream that fails (the client went away), the bytes written before the failure are kept:
   * ask {@link uploadStatus} where to resume.
   * @throws {BlobStoreError} `offset-mismatch` (with `expectedOffset`), `not-found` (unknown or
   *   expired upload), `too-large`.
   */
  appendUpload(uploadId: string, offset: number, chunk: BlobBody): Promise<UploadStatus>;

  /** @throws {BlobStoreError} `not-found` for an unknown or expired upload. */
  uploadStatus(uploadId: string): Promise<UploadStatus>;

  /**
   * Commits the bytes received as a new generation and forgets the upload.
   * @throws {BlobStoreError} `not-found`, `precondition-failed` (the upload stays and can be
   *   aborted), `invalid-argument` (fewer bytes than the declared size).
   */
  finishUpload(uploadId: string): Promise<BlobInfo>;

  /** Drops an upload and its bytes. Idempotent: `false` when there was no such upload. */
  abortUpload(uploadId: string): Promise<boolean>;

  /** Drops every expired upload (and leftovers of interrupted writes); returns how many. */
  expireUploads(): Promise<number>;
}
