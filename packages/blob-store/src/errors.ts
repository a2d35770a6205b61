/**
 * What went wrong, stable across stores so the runtime maps each code to one HTTP status:
 * `not-found` 404, `invalid-name` / `invalid-argument` 400, `invalid-range` 416,
 * `precondition-failed` 412, `offset-mismatch` 409 (with the expected offset, as GCS resumable
 * uploads answer 308 with a `Range`), `too-large` 413, `unavailable` 503.
 */
export type BlobStoreErrorCode =
  | "not-found"
  | "invalid-name"
  | "invalid-argument"
  | "invalid-range"
  | "precondition-failed"
  | "offset-mismatch"
  | "too-large"
  | "unavailable";

/** Where an error happened, when it concerns one object or one upload. */
export interface BlobErrorSubject {
  bucket?: string;
  name?: string;
  uploadId?: string;
  /** For `offset-mismatch`: the offset the next append must start at. */
  expectedOffset?: number;
}

/**
 * The one error type of every {@link BlobStore}. Messages name the bucket and object (quoted
 * as JSON, so control characters in a rejected name cannot corrupt a log line).
 */
export class BlobStoreError extends Error {
  override readonly name = "BlobStoreError";
  readonly bucket: string | undefined;
  readonly objectName: string | undefined;
  readonly uploadId: string | undefined;
  readonly expectedOffset: number | undefined;

  constructor(
    readonly code: BlobStoreErrorCode,
    message: string,
    subject: BlobErrorSubject = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.bucket = subject.bucket;
    this.objectName = subject.name;
    this.uploadId = subject.uploadId;
    this.expectedOffset = subject.expectedOffset;
  }
}

/** Brand check that works across bundles and realms, unlike `instanceof`. */
export function isBlobStoreError(e: unknown): e is BlobStoreError {
  return e instanceof Error && e.name === "BlobStoreError" && "code" in e;
}

const MAX_QUOTED = 200;

/** A value quoted for an error message: JSON-escaped and cut to a readable length. */
export function quote(value: string): string {
  const cut = value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value;
  return JSON.stringify(cut);
}

/** `object "users/u1/a.png" in bucket "p1"`, the subject of most messages. */
export function describeObject(bucket: string, name: string): string {
  return `object ${quote(name)} in bucket ${quote(bucket)}`;
}

export function notFound(bucket: string, name: string): BlobStoreError {
  return new BlobStoreError("not-found", `No ${describeObject(bucket, name)}.`, { bucket, name });
}

export function preconditionFailed(
  bucket: string,
  name: string,
  what: string,
  expected: string,
  actual: string | null,
): BlobStoreError {
  const found = actual === null ? "the object does not exist" : `it is ${actual}`;
  return new BlobStoreError(
    "precondition-failed",
    `Precondition failed for ${describeObject(bucket, name)}: ${what} must be ${expected}, but ${found}.`,
    { bucket, name },
  );
}

export function tooLarge(bucket: string, name: string, limit: number): BlobStoreError {
  return new BlobStoreError(
    "too-large",
    `The content for ${describeObject(bucket, name)} exceeds the limit of ${limit} bytes.`,
    { bucket, name },
  );
}
