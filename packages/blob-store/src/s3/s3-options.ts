import type { StoreLimits } from "../store-options.js";
import { FIVE_GIB } from "../store-options.js";

export interface S3BlobStoreOptions extends StoreLimits {
  endPoint: string;
  port?: number;
  /** Default true. */
  useSSL?: boolean;
  accessKey: string;
  secretKey: string;
  /** Default `us-east-1`. */
  region?: string;
  /** Path-style URLs (`host/bucket/key`), which MinIO and most servers need. Default true. */
  pathStyle?: boolean;
  /** Prepended to every Winky bucket to make its S3 bucket (`winky-` → `winky-p1`). Default "". */
  bucketPrefix?: string;
  /** S3 bucket for multipart staging. Default `<bucketPrefix>winky--staging`, a name no Winky bucket can map to. */
  stagingBucket?: string;
  /** Local directory for resumable-upload sessions and their tails (less than one part each). */
  uploadStateDir: string;
  /** Multipart part size in bytes, at least 5 MiB (S3's minimum). Default 8 MiB. */
  partSize?: number;
}

const MIN_PART = 5 * 1024 * 1024;

/** The S3 options with defaults. @throws {RangeError} for values S3 would refuse. */
export function checkS3Options(options: S3BlobStoreOptions): {
  region: string;
  bucketPrefix: string;
  stagingBucket: string;
  partSize: number;
} {
  const bucketPrefix = options.bucketPrefix ?? "";
  if (!/^[a-z0-9.-]*$/.test(bucketPrefix)) {
    throw new RangeError(
      `bucketPrefix may hold only a-z, 0-9, . and -, not ${JSON.stringify(bucketPrefix)}`,
    );
  }
  const partSize = options.partSize ?? 8 * 1024 * 1024;
  if (!Number.isSafeInteger(partSize) || partSize < MIN_PART) {
    throw new RangeError(
      `partSize must be at least ${MIN_PART} bytes (S3's minimum part), not ${partSize}`,
    );
  }
  if ((options.maxObjectSize ?? 0) > FIVE_GIB) {
    throw new RangeError(
      "maxObjectSize cannot exceed 5 GiB: larger objects need a multipart copy, which S3BlobStore does not do",
    );
  }
  if (!options.uploadStateDir) throw new RangeError("uploadStateDir is required");
  return {
    region: options.region ?? "us-east-1",
    bucketPrefix,
    stagingBucket: options.stagingBucket ?? `${bucketPrefix}winky--staging`,
    partSize,
  };
}
