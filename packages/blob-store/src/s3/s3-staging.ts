import { type Client, CopyDestinationOptions, CopySourceOptions } from "minio";
import type { BlobBody } from "../blob-store.js";
import { chunksOf, Digest, md5Of } from "../content.js";
import { tooLarge } from "../errors.js";
import { newUploadId } from "../upload-ids.js";
import { type BucketMaker, s3Call, s3Code } from "./s3-client.js";

/** One part of a multipart upload, as S3 needs it to complete the upload. */
export interface StagedPart {
  part: number;
  etag: string;
  size: number;
}

/** Content on its way to S3: small enough for one PutObject, or assembled in staging. */
export type Received =
  | { kind: "bytes"; data: Buffer; size: number; md5Hash: string }
  | { kind: "staged"; key: string; size: number; md5Hash: string };

/**
 * Multipart uploads go to a staging bucket, keyed by a random id, and become visible by one
 * CopyObject that also writes all metadata, the MD5 included (unknown when a multipart upload
 * starts). So a reader never sees a half-uploaded object or one without its metadata, at the
 * cost of a server-side copy. Parts are never smaller than 5 MiB except the last, as S3 needs.
 */
export class Staging {
  constructor(
    private readonly client: Client,
    private readonly buckets: BucketMaker,
    readonly bucket: string,
  ) {}

  async start(key: string): Promise<string> {
    await this.buckets.ensure(this.bucket);
    return s3Call({ bucket: this.bucket, name: key }, "CreateMultipartUpload", () =>
      this.client.initiateNewMultipartUpload(this.bucket, key, {}),
    );
  }

  async uploadPart(key: string, uploadId: string, part: number, data: Buffer): Promise<StagedPart> {
    const { etag } = await s3Call({ bucket: this.bucket, name: key }, `UploadPart ${part}`, () =>
      this.client.uploadPart(
        {
          bucketName: this.bucket,
          objectName: key,
          uploadID: uploadId,
          partNumber: part,
          headers: {},
        },
        data,
      ),
    );
    return { part, etag, size: data.length };
  }

  async complete(key: string, uploadId: string, parts: StagedPart[]): Promise<void> {
    await s3Call({ bucket: this.bucket, name: key }, "CompleteMultipartUpload", () =>
      this.client.completeMultipartUpload(
        this.bucket,
        key,
        uploadId,
        parts.map(({ part, etag }) => ({ part, etag })),
      ),
    );
  }

  /** Best effort: an unknown upload is already gone. */
  async abort(key: string, uploadId: string): Promise<void> {
    await this.client.abortMultipartUpload(this.bucket, key, uploadId).catch((e: unknown) => {
      if (s3Code(e) !== "NoSuchUpload") throw e;
    });
  }

  async remove(key: string): Promise<void> {
    await this.client.removeObject(this.bucket, key).catch(() => undefined);
  }

  /** The MD5 of a completed staged object, read back (only when no digest was cached). */
  async md5(key: string): Promise<string> {
    return md5Of(
      await s3Call({ bucket: this.bucket, name: key }, "GetObject", () =>
        this.client.getObject(this.bucket, key),
      ),
    );
  }

  /** Copies the staged object to its final place with `headers` as its whole metadata. */
  async publish(
    key: string,
    bucket: string,
    name: string,
    headers: Record<string, string>,
  ): Promise<void> {
    await s3Call({ bucket, name }, "CopyObject", () =>
      this.client.copyObject(
        new CopySourceOptions({ Bucket: this.bucket, Object: key }),
        new CopyDestinationOptions({
          Bucket: bucket,
          Object: name,
          MetadataDirective: "REPLACE",
          Headers: { ...headers, "x-amz-copy-source": copySource(this.bucket, key) },
        }),
      ),
    );
  }

  /**
   * Reads `body` to its end. Up to `partSize` bytes stay in memory and go out in one
   * PutObject later; beyond that, parts stream to staging as they fill, so memory stays near
   * one part whatever the size.
   */
  async receive(
    body: BlobBody,
    partSize: number,
    maxSize: number,
    subject: { bucket: string; name: string },
  ): Promise<Received> {
    const digest = new Digest();
    let pending: Buffer[] = [];
    let pendingSize = 0;
    let multipart: { key: string; uploadId: string; parts: StagedPart[] } | undefined;
    const sendPending = async (): Promise<void> => {
      multipart ??= await (async () => {
        const key = newUploadId();
        return { key, uploadId: await this.start(key), parts: [] };
      })();
      const part = await this.uploadPart(
        multipart.key,
        multipart.uploadId,
        multipart.parts.length + 1,
        Buffer.concat(pending),
      );
      multipart.parts.push(part);
      pending = [];
      pendingSize = 0;
    };
    try {
      for await (const chunk of chunksOf(body)) {
        if (digest.size + chunk.length > maxSize)
          throw tooLarge(subject.bucket, subject.name, maxSize);
        digest.update(chunk);
        pending.push(chunk);
        pendingSize += chunk.length;
        if (pendingSize >= partSize) await sendPending();
      }
      if (!multipart)
        return {
          kind: "bytes",
          data: Buffer.concat(pending),
          size: digest.size,
          md5Hash: digest.md5Base64(),
        };
      if (pendingSize > 0) await sendPending();
      await this.complete(multipart.key, multipart.uploadId, multipart.parts);
      return { kind: "staged", key: multipart.key, size: digest.size, md5Hash: digest.md5Base64() };
    } catch (e) {
      if (multipart) await this.abort(multipart.key, multipart.uploadId).catch(() => undefined);
      throw e;
    }
  }
}

/** `x-amz-copy-source` as S3 wants it: bucket and key, each segment URL-encoded. */
export function copySource(bucket: string, key: string): string {
  return `/${bucket}/${key.split("/").map(encodeURIComponent).join("/")}`;
}
