import { Client } from "minio";
import type {
  BlobBody,
  BlobInfo,
  BlobRead,
  BlobStore,
  ByteRange,
  ListOptions,
  ListPage,
  MetadataPatch,
  StartUploadOptions,
  UploadStatus,
  WriteOptions,
} from "../blob-store.js";
import { BlobStoreError, notFound } from "../errors.js";
import { GenerationClock } from "../generation.js";
import { KeyedMutex } from "../keyed-mutex.js";
import { checkListOptions, collectPage } from "../listing.js";
import { assertBucketName, assertObjectName } from "../names.js";
import { checkRangeForm } from "../ranges.js";
import { newGenerationInfo } from "../object-info.js";
import { type StoreLimits, storeLimits } from "../store-options.js";
import type { UploadSessions } from "../uploads/upload-sessions.js";
import {
  applyPatch,
  assertGeneration,
  checkGeneration,
  checkStartOptions,
  checkWriteOptions,
  type CheckedWrite,
} from "../write-options.js";
import { BucketMaker, s3Call } from "./s3-client.js";
import { toHeaders } from "./s3-headers.js";
import { listS3 } from "./s3-list.js";
import { readS3Object, rewriteMetadata, statS3Object } from "./s3-objects.js";
import { type Received, Staging } from "./s3-staging.js";
import { assemble, createS3Uploads, type S3UploadState } from "./s3-uploads.js";
import { checkS3Options, type S3BlobStoreOptions } from "./s3-options.js";

export type { S3BlobStoreOptions } from "./s3-options.js";

/**
 * {@link BlobStore} on S3 or an S3-compatible server (MinIO, AWS S3), through the `minio`
 * client. Each Winky bucket is one S3 bucket, `bucketPrefix + bucket`, created on first write;
 * object keys are the names as given. See the package README for the mapping and limits.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: Client;
  private readonly options: ReturnType<typeof checkS3Options>;
  private readonly limits: Required<StoreLimits>;
  private readonly clock: GenerationClock;
  private readonly buckets: BucketMaker;
  private readonly staging: Staging;
  private readonly commits = new KeyedMutex();
  private readonly uploads: UploadSessions<S3UploadState>;

  constructor(options: S3BlobStoreOptions) {
    this.options = checkS3Options(options);
    this.limits = storeLimits(options);
    this.client = new Client({
      endPoint: options.endPoint,
      port: options.port,
      useSSL: options.useSSL ?? true,
      accessKey: options.accessKey,
      secretKey: options.secretKey,
      region: this.options.region,
      pathStyle: options.pathStyle ?? true,
    });
    this.clock = new GenerationClock(this.limits.now);
    this.buckets = new BucketMaker(this.client, this.options.region);
    this.staging = new Staging(this.client, this.buckets, this.options.stagingBucket);
    this.uploads = createS3Uploads({
      dir: options.uploadStateDir,
      now: this.limits.now,
      ttlMs: this.limits.uploadTtlMs,
      maxObjectSize: this.limits.maxObjectSize,
      partSize: this.options.partSize,
      staging: this.staging,
    });
  }

  async put(
    bucket: string,
    name: string,
    body: BlobBody,
    options?: WriteOptions,
  ): Promise<BlobInfo> {
    const s3Bucket = this.s3Bucket(bucket, name);
    const write = checkWriteOptions(bucket, name, options);
    const received = await this.staging.receive(
      body,
      this.options.partSize,
      this.limits.maxObjectSize,
      { bucket, name },
    );
    try {
      return await this.commit(bucket, name, s3Bucket, write, () => Promise.resolve(received));
    } finally {
      if (received.kind === "staged") await this.staging.remove(received.key);
    }
  }

  async get(
    bucket: string,
    name: string,
    options: { range?: ByteRange } = {},
  ): Promise<BlobRead | null> {
    const s3Bucket = this.s3Bucket(bucket, name);
    if (options.range) checkRangeForm(bucket, name, options.range);
    return readS3Object(this.client, s3Bucket, bucket, name, options.range);
  }

  async stat(bucket: string, name: string): Promise<BlobInfo | null> {
    return (await this.statWithEtag(bucket, name, this.s3Bucket(bucket, name)))?.info ?? null;
  }

  async delete(
    bucket: string,
    name: string,
    options: { ifGenerationMatch?: string } = {},
  ): Promise<boolean> {
    const s3Bucket = this.s3Bucket(bucket, name);
    const expected = checkGeneration(bucket, name, "ifGenerationMatch", options.ifGenerationMatch);
    return this.commits.run(`${bucket}/${name}`, async () => {
      const live = await this.statWithEtag(bucket, name, s3Bucket);
      if (live === null) return false;
      assertGeneration(bucket, name, expected, live.info);
      await s3Call({ bucket, name }, "DeleteObject", () =>
        this.client.removeObject(s3Bucket, name),
      );
      return true;
    });
  }

  async list(bucket: string, options?: ListOptions): Promise<ListPage> {
    assertBucketName(bucket);
    const request = checkListOptions(bucket, options);
    return collectPage(listS3(this.client, this.s3Bucket(bucket), bucket, request), request);
  }

  async updateMetadata(bucket: string, name: string, patch: MetadataPatch): Promise<BlobInfo> {
    const s3Bucket = this.s3Bucket(bucket, name);
    return this.commits.run(`${bucket}/${name}`, async () => {
      const live = await this.statWithEtag(bucket, name, s3Bucket);
      if (live === null) throw notFound(bucket, name);
      const next = applyPatch(live.info, patch, new Date(this.limits.now()));
      await rewriteMetadata(this.client, s3Bucket, bucket, name, live.etag, toHeaders(next));
      return next;
    });
  }

  async startUpload(bucket: string, name: string, options?: StartUploadOptions): Promise<string> {
    const s3Bucket = this.s3Bucket(bucket, name);
    const write = checkStartOptions(bucket, name, options, this.limits.maxObjectSize);
    if (write.ifGenerationMatch !== undefined) {
      assertGeneration(bucket, name, write.ifGenerationMatch, await this.stat(bucket, name));
    }
    await this.buckets.ensure(s3Bucket);
    return this.uploads.create(bucket, name, write, { multipart: null });
  }

  appendUpload(uploadId: string, offset: number, chunk: BlobBody): Promise<UploadStatus> {
    return this.uploads.append(uploadId, offset, chunk);
  }

  uploadStatus(uploadId: string): Promise<UploadStatus> {
    return this.uploads.status(uploadId);
  }

  finishUpload(uploadId: string): Promise<BlobInfo> {
    return this.uploads.finish(uploadId, async (context) => {
      const { bucket, name, options } = context.record;
      let staged: string | undefined;
      try {
        return await this.commit(bucket, name, this.s3Bucket(bucket, name), options, async () => {
          const content = await assemble(this.staging, context);
          if (content.kind === "staged") staged = content.key;
          return content;
        });
      } finally {
        if (staged !== undefined) await this.staging.remove(staged);
      }
    });
  }

  abortUpload(uploadId: string): Promise<boolean> {
    return this.uploads.abort(uploadId);
  }

  expireUploads(): Promise<number> {
    return this.uploads.expire();
  }

  /** The S3 bucket of a Winky bucket; with a name, also checks the name. */
  private s3Bucket(bucket: string, name?: string): string {
    assertBucketName(bucket);
    if (name !== undefined) assertObjectName(bucket, name);
    const s3Bucket = this.options.bucketPrefix + bucket;
    if (s3Bucket.length > 63) {
      throw new BlobStoreError(
        "invalid-name",
        `Bucket name ${JSON.stringify(bucket)} is too long: with the prefix ${JSON.stringify(this.options.bucketPrefix)} it exceeds S3's 63 characters.`,
        { bucket },
      );
    }
    return s3Bucket;
  }

  private statWithEtag(bucket: string, name: string, s3Bucket: string) {
    return statS3Object(this.client, s3Bucket, bucket, name);
  }

  /**
   * Makes content the live generation, one commit per name at a time in this process: check
   * the precondition against the live object, pick a generation above it, then one PutObject
   * (small content) or one CopyObject from staging. Across processes the check and the write
   * are not atomic (see the README).
   */
  private commit(
    bucket: string,
    name: string,
    s3Bucket: string,
    write: CheckedWrite,
    content: () => Promise<Received>,
  ): Promise<BlobInfo> {
    return this.commits.run(`${bucket}/${name}`, async () => {
      const live = await this.statWithEtag(bucket, name, s3Bucket);
      assertGeneration(bucket, name, write.ifGenerationMatch, live?.info ?? null);
      const received = await content();
      const generation = this.clock.next(live?.info.generation);
      const info = newGenerationInfo(
        bucket,
        name,
        write,
        received,
        generation,
        new Date(this.limits.now()),
      );
      await this.buckets.ensure(s3Bucket);
      if (received.kind === "bytes") {
        await s3Call({ bucket, name }, "PutObject", () =>
          this.client.putObject(s3Bucket, name, received.data, received.size, toHeaders(info)),
        );
      } else {
        await this.staging.publish(received.key, s3Bucket, name, toHeaders(info));
      }
      return info;
    });
  }
}
