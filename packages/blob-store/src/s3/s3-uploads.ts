import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type FinishContext, UploadSessions } from "../uploads/upload-sessions.js";
import type { Received, StagedPart, Staging } from "./s3-staging.js";

/** What a resumable upload keeps about S3: its multipart upload in staging, once begun. */
export interface S3UploadState {
  multipart: { uploadId: string; parts: StagedPart[] } | null;
}

export interface S3UploadsConfig {
  dir: string;
  now: () => number;
  ttlMs: number;
  maxObjectSize: number;
  partSize: number;
  staging: Staging;
}

/**
 * Resumable uploads on S3 multipart uploads. Appends land in a tail file on local disk; each
 * time it holds `partSize` bytes it becomes the next part (S3 wants parts of at least 5 MiB
 * except the last) in the staging bucket, keyed by the upload id. Finishing sends the rest as
 * the last part, completes the upload and publishes it by one copy. An upload that never
 * reached one part is published by a single PutObject instead. The session files live in
 * `dir`, so an upload is resumable from any process that shares that directory.
 */
export function createS3Uploads(config: S3UploadsConfig): UploadSessions<S3UploadState> {
  const { staging } = config;
  return new UploadSessions<S3UploadState>({
    dir: config.dir,
    now: config.now,
    ttlMs: config.ttlMs,
    maxObjectSize: config.maxObjectSize,
    flushAt: config.partSize,
    flush: async (record, tailPath) => {
      const multipart = record.state.multipart ?? {
        uploadId: await staging.start(record.uploadId),
        parts: [],
      };
      // Saved before the part is sent would be tidier, but a part sent and not recorded is
      // simply sent again under the same number, which S3 treats as a replacement.
      const part = await staging.uploadPart(
        record.uploadId,
        multipart.uploadId,
        multipart.parts.length + 1,
        await readFile(tailPath),
      );
      return { multipart: { uploadId: multipart.uploadId, parts: [...multipart.parts, part] } };
    },
    discard: async (record) => {
      if (record.state.multipart)
        await staging.abort(record.uploadId, record.state.multipart.uploadId);
    },
  });
}

/** Sends the tail as the last part and completes the multipart upload (or reads a lone tail). */
export async function assemble(
  staging: Staging,
  { record, tailPath, tailSize, digest }: FinishContext<S3UploadState>,
): Promise<Received> {
  const size = record.flushed + tailSize;
  const { multipart } = record.state;
  if (multipart === null) {
    const data = await readFile(tailPath);
    return { kind: "bytes", data, size, md5Hash: digest?.md5Base64() ?? md5Base64(data) };
  }
  const parts = [...multipart.parts];
  if (tailSize > 0) {
    parts.push(
      await staging.uploadPart(
        record.uploadId,
        multipart.uploadId,
        parts.length + 1,
        await readFile(tailPath),
      ),
    );
  }
  await staging.complete(record.uploadId, multipart.uploadId, parts);
  const md5Hash = digest?.md5Base64() ?? (await staging.md5(record.uploadId));
  return { kind: "staged", key: record.uploadId, size, md5Hash };
}

function md5Base64(data: Buffer): string {
  return createHash("md5").update(data).digest("base64");
}
