/** Limits and clock common to both stores. */
export interface StoreLimits {
  /** Largest object in bytes; default 5 GiB (S3's single-request limit). */
  maxObjectSize?: number;
  /** How long a resumable upload lives after it starts; default 7 days, as Cloud Storage. */
  uploadTtlMs?: number;
  /** Milliseconds since the epoch; tests pass a manual clock. Default `Date.now`. */
  now?: () => number;
}

export const FIVE_GIB = 5 * 1024 ** 3;
const WEEK_MS = 7 * 24 * 3600 * 1000;

/** The limits with defaults applied. @throws {RangeError} for a nonsensical value. */
export function storeLimits(options: StoreLimits): Required<StoreLimits> {
  const limits = {
    maxObjectSize: options.maxObjectSize ?? FIVE_GIB,
    uploadTtlMs: options.uploadTtlMs ?? WEEK_MS,
    now: options.now ?? Date.now,
  };
  if (!Number.isSafeInteger(limits.maxObjectSize) || limits.maxObjectSize < 0) {
    throw new RangeError(
      `maxObjectSize must be a whole number of bytes, not ${limits.maxObjectSize}`,
    );
  }
  if (!(limits.uploadTtlMs > 0))
    throw new RangeError(`uploadTtlMs must be positive, not ${limits.uploadTtlMs}`);
  return limits;
}
