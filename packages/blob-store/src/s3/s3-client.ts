import type { Client } from "minio";
import { BlobStoreError, type BlobErrorSubject, describeObject, quote } from "../errors.js";
import { isBlobStoreError } from "../errors.js";

/** The S3 error code of a minio failure (`NoSuchKey`, `NotFound`, …), if it has one. */
export function s3Code(e: unknown): string | undefined {
  return e instanceof Error && "code" in e && typeof e.code === "string" ? e.code : undefined;
}

/** Whether S3 answered that the object (or its whole bucket) does not exist. */
export function isS3Missing(e: unknown): boolean {
  const code = s3Code(e);
  return code === "NoSuchKey" || code === "NotFound" || code === "NoSuchBucket";
}

/**
 * Runs one S3 call, turning a failure that is not ours into `unavailable` (or
 * `precondition-failed` for S3's 412), naming the object and keeping the cause.
 */
export async function s3Call<T>(
  subject: BlobErrorSubject,
  what: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (isBlobStoreError(e)) throw e;
    const { bucket = "", name } = subject;
    const target = name === undefined ? `bucket ${quote(bucket)}` : describeObject(bucket, name);
    const detail = s3Code(e) ?? (e instanceof Error ? e.message : String(e));
    const code = s3Code(e) === "PreconditionFailed" ? "precondition-failed" : "unavailable";
    throw new BlobStoreError(code, `S3 ${what} for ${target} failed: ${detail}.`, subject, {
      cause: e,
    });
  }
}

/**
 * Creates S3 buckets on first write, once per process. Reads never create one: a missing
 * bucket simply holds no objects.
 */
export class BucketMaker {
  private readonly made = new Map<string, Promise<void>>();

  constructor(
    private readonly client: Client,
    private readonly region: string,
  ) {}

  ensure(s3Bucket: string): Promise<void> {
    let pending = this.made.get(s3Bucket);
    if (!pending) {
      pending = this.create(s3Bucket).catch((e: unknown) => {
        this.made.delete(s3Bucket);
        throw e;
      });
      this.made.set(s3Bucket, pending);
    }
    return pending;
  }

  private async create(s3Bucket: string): Promise<void> {
    await s3Call({ bucket: s3Bucket }, "bucket creation", async () => {
      if (await this.client.bucketExists(s3Bucket)) return;
      try {
        await this.client.makeBucket(s3Bucket, this.region);
      } catch (e) {
        // Another process made it first (S3 says "owned by you"; some servers say "exists").
        if (!(await this.client.bucketExists(s3Bucket))) throw e;
      }
    });
  }
}
