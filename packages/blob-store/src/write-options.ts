import type { BlobInfo, MetadataPatch, StartUploadOptions, WriteOptions } from "./blob-store.js";
import { BlobStoreError, describeObject, preconditionFailed, quote } from "./errors.js";

export const DEFAULT_CONTENT_TYPE = "application/octet-stream";
/** Custom metadata budget, as JSON: S3 keeps at most 2 KiB of user metadata per object. */
export const MAX_METADATA_BYTES = 1024;
const MAX_HEADER_VALUE = 1024;
// These three become HTTP headers (on downloads, and in S3): printable ASCII only, so no
// CR/LF can split a header. Non-ASCII file names go in RFC 8187 form (filename*=UTF-8''…).
const HEADER_SAFE = /^[\x20-\x7e]*$/;
const GENERATION = /^\d{1,20}$/;

/** A write's options, checked, with defaults applied. */
export interface CheckedWrite {
  contentType: string;
  metadata: Record<string, string>;
  cacheControl?: string;
  contentDisposition?: string;
  ifGenerationMatch?: string;
}

function invalid(bucket: string, name: string, field: string, problem: string): BlobStoreError {
  return new BlobStoreError(
    "invalid-argument",
    `Invalid ${field} for ${describeObject(bucket, name)}: ${problem}.`,
    { bucket, name },
  );
}

function headerValue(bucket: string, name: string, field: string, value: unknown): string {
  if (typeof value !== "string") throw invalid(bucket, name, field, "it is not a string");
  if (value.length > MAX_HEADER_VALUE || !HEADER_SAFE.test(value)) {
    throw invalid(
      bucket,
      name,
      field,
      `use at most ${MAX_HEADER_VALUE} printable ASCII characters`,
    );
  }
  return value;
}

/** Checks a generation precondition's form; `undefined` passes. */
export function checkGeneration(
  bucket: string,
  name: string,
  field: string,
  value: unknown,
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !GENERATION.test(value)) {
    throw invalid(bucket, name, field, 'use a decimal string such as "0" or "1733000000000001"');
  }
  return value;
}

function checkMetadata(bucket: string, name: string, value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid(bucket, name, "metadata", "it is not an object of strings");
  }
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "" || typeof v !== "string") {
      throw invalid(
        bucket,
        name,
        `metadata key ${quote(key)}`,
        "keys must be non-empty, values strings",
      );
    }
    out[key] = v;
  }
  const bytes = Buffer.byteLength(JSON.stringify(out));
  if (bytes > MAX_METADATA_BYTES) {
    throw invalid(
      bucket,
      name,
      "metadata",
      `it is ${bytes} bytes as JSON, more than ${MAX_METADATA_BYTES}`,
    );
  }
  return out;
}

/** @throws {BlobStoreError} `invalid-argument`, naming the field. */
export function checkWriteOptions(
  bucket: string,
  name: string,
  options: WriteOptions = {},
): CheckedWrite {
  const checked: CheckedWrite = {
    contentType:
      options.contentType === undefined
        ? DEFAULT_CONTENT_TYPE
        : headerValue(bucket, name, "contentType", options.contentType),
    metadata: checkMetadata(bucket, name, options.metadata),
  };
  if (options.cacheControl !== undefined) {
    checked.cacheControl = headerValue(bucket, name, "cacheControl", options.cacheControl);
  }
  if (options.contentDisposition !== undefined) {
    checked.contentDisposition = headerValue(
      bucket,
      name,
      "contentDisposition",
      options.contentDisposition,
    );
  }
  const generation = checkGeneration(bucket, name, "ifGenerationMatch", options.ifGenerationMatch);
  if (generation !== undefined) checked.ifGenerationMatch = generation;
  return checked;
}

/** A resumable upload's options: a write's plus an optional declared size. */
export function checkStartOptions(
  bucket: string,
  name: string,
  options: StartUploadOptions = {},
  maxObjectSize: number,
): CheckedWrite & { size?: number } {
  const checked: CheckedWrite & { size?: number } = checkWriteOptions(bucket, name, options);
  if (options.size !== undefined) {
    if (!Number.isSafeInteger(options.size) || options.size < 0) {
      throw invalid(bucket, name, "size", "use a whole number of bytes");
    }
    if (options.size > maxObjectSize) {
      throw new BlobStoreError(
        "too-large",
        `The declared size ${options.size} of ${describeObject(bucket, name)} exceeds the limit of ${maxObjectSize} bytes.`,
        { bucket, name },
      );
    }
    checked.size = options.size;
  }
  return checked;
}

/**
 * Checks `ifGenerationMatch` against the live object (`null` when absent).
 * @throws {BlobStoreError} `precondition-failed`.
 */
export function assertGeneration(
  bucket: string,
  name: string,
  expected: string | undefined,
  live: BlobInfo | null,
): void {
  if (expected === undefined) return;
  const actual = live?.generation ?? null;
  if (expected === "0" ? actual === null : BigInt(expected) === BigInt(actual ?? -1)) return;
  throw preconditionFailed(
    bucket,
    name,
    "generation",
    expected === "0" ? "absent (0)" : expected,
    actual && `generation ${actual}`,
  );
}

/**
 * The info after applying `patch` to `live`: metageneration + 1, `updated` = now.
 * @throws {BlobStoreError} `invalid-argument`, `precondition-failed`.
 */
export function applyPatch(live: BlobInfo, patch: MetadataPatch, now: Date): BlobInfo {
  const { bucket, name } = live;
  assertGeneration(
    bucket,
    name,
    checkGeneration(bucket, name, "ifGenerationMatch", patch.ifGenerationMatch),
    live,
  );
  const meta = checkGeneration(bucket, name, "ifMetagenerationMatch", patch.ifMetagenerationMatch);
  if (meta !== undefined && BigInt(meta) !== BigInt(live.metageneration)) {
    throw preconditionFailed(
      bucket,
      name,
      "metageneration",
      meta,
      `metageneration ${live.metageneration}`,
    );
  }
  const next: BlobInfo = {
    ...live,
    metadata: { ...live.metadata },
    metageneration: String(BigInt(live.metageneration) + 1n),
    updated: now.toISOString(),
  };
  if (patch.contentType !== undefined) {
    next.contentType =
      patch.contentType === null
        ? DEFAULT_CONTENT_TYPE
        : headerValue(bucket, name, "contentType", patch.contentType);
  }
  for (const field of ["cacheControl", "contentDisposition"] as const) {
    const value = patch[field];
    if (value === null) delete next[field];
    else if (value !== undefined) next[field] = headerValue(bucket, name, field, value);
  }
  if (patch.metadata === null) next.metadata = {};
  else if (patch.metadata !== undefined) {
    if (typeof patch.metadata !== "object" || Array.isArray(patch.metadata)) {
      throw invalid(bucket, name, "metadata", "it is not an object");
    }
    for (const [key, value] of Object.entries(patch.metadata)) {
      if (value === null) delete next.metadata[key];
      else next.metadata[key] = value;
    }
    next.metadata = checkMetadata(bucket, name, next.metadata);
  }
  return next;
}
