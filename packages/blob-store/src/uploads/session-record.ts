import type { UploadStatus } from "../blob-store.js";
import type { Digest } from "../content.js";
import { BlobStoreError, describeObject, quote } from "../errors.js";
import type { CheckedWrite } from "../write-options.js";

/** What is kept on disk for one resumable upload, in `<dir>/<uploadId>/session.json`. */
export interface SessionRecord<S> {
  uploadId: string;
  bucket: string;
  name: string;
  options: CheckedWrite & { size?: number };
  createdAt: string;
  expiresAt: string;
  /** Bytes already moved out of tail files (S3 parts); 0 for a store that never flushes. */
  flushed: number;
  /** The tail file, inside the session directory, where appended bytes land. */
  tail: string;
  /** The store's own state (S3: the multipart upload and its parts). */
  state: S;
}

export interface SessionsConfig<S> {
  dir: string;
  now: () => number;
  ttlMs: number;
  maxObjectSize: number;
  /** Flush the tail once it holds this many bytes (Infinity: never). */
  flushAt: number;
  /** Moves a full tail elsewhere (an S3 part) and returns the new state. */
  flush?: (record: SessionRecord<S>, tailPath: string, size: number) => Promise<S>;
  /** Releases what an expired or aborted upload holds outside its directory. */
  discard?: (record: SessionRecord<S>) => Promise<void>;
}

/** What a store's finish step gets: the record, its tail, and the MD5 when it is cached. */
export interface FinishContext<S> {
  record: SessionRecord<S>;
  tailPath: string;
  tailSize: number;
  digest: Digest | undefined;
}

export function toStatus(record: SessionRecord<unknown>, offset: number): UploadStatus {
  const status: UploadStatus = {
    uploadId: record.uploadId,
    bucket: record.bucket,
    name: record.name,
    offset,
    expiresAt: record.expiresAt,
  };
  if (record.options.size !== undefined) status.size = record.options.size;
  return status;
}

export function unknownUpload(uploadId: string, why: string): BlobStoreError {
  return new BlobStoreError("not-found", `No resumable upload ${quote(uploadId)}${why}.`, {
    uploadId,
  });
}

export function uploadTooLarge(record: SessionRecord<unknown>, limit: number): BlobStoreError {
  const what = record.options.size === limit ? "its declared size" : "the limit";
  return new BlobStoreError(
    "too-large",
    `Upload ${quote(record.uploadId)} of ${describeObject(record.bucket, record.name)} would exceed ${what} of ${limit} bytes.`,
    { bucket: record.bucket, name: record.name, uploadId: record.uploadId },
  );
}
