import type { BlobInfo, ByteRange } from "./blob-store.js";
import { BlobStoreError, describeObject } from "./errors.js";

/**
 * The inclusive byte range to serve, cut to the object's end; undefined for the whole object.
 * @throws {BlobStoreError} `invalid-argument` for a malformed range, `invalid-range` when it
 *   starts past the last byte (HTTP 416; an empty object has no satisfiable range).
 */
export function resolveRange(
  info: BlobInfo,
  range: ByteRange | undefined,
): { start: number; end: number } | undefined {
  if (range === undefined) return undefined;
  const { bucket, name, size } = info;
  checkRangeForm(bucket, name, range);
  const { start, end } = range;
  if (start >= size) {
    throw new BlobStoreError(
      "invalid-range",
      `Byte range starting at ${start} is past the end of ${describeObject(bucket, name)} (${size} bytes).`,
      { bucket, name },
    );
  }
  return { start, end: Math.min(end ?? size - 1, size - 1) };
}

/** @throws {BlobStoreError} `invalid-argument` unless 0 <= start <= end, whole numbers. */
export function checkRangeForm(bucket: string, name: string, range: ByteRange): void {
  const { start, end } = range;
  if (
    !Number.isSafeInteger(start) ||
    start < 0 ||
    (end !== undefined && (!Number.isSafeInteger(end) || end < start))
  ) {
    throw new BlobStoreError(
      "invalid-argument",
      `Invalid byte range for ${describeObject(bucket, name)}: start and end must be whole numbers with 0 <= start <= end.`,
      { bucket, name },
    );
  }
}
