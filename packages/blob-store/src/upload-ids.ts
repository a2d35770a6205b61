import { randomBytes } from "node:crypto";
import { BlobStoreError, quote } from "./errors.js";

const UPLOAD_ID = /^[0-9a-f]{32}$/;

/** 128 random bits as hex: unguessable, and safe as a file or key name. */
export function newUploadId(): string {
  return randomBytes(16).toString("hex");
}

export function isUploadId(value: unknown): value is string {
  return typeof value === "string" && UPLOAD_ID.test(value);
}

/**
 * Checks the form before an id touches a path, so `../x` can never name a file.
 * @throws {BlobStoreError} `not-found`: to a client, a malformed id is just an unknown one.
 */
export function assertUploadId(uploadId: unknown): string {
  if (isUploadId(uploadId)) return uploadId;
  throw new BlobStoreError(
    "not-found",
    `No resumable upload ${typeof uploadId === "string" ? quote(uploadId) : String(uploadId)}.`,
    {},
  );
}
