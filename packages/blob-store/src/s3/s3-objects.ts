import type { IncomingMessage } from "node:http";
import { type Client, CopyDestinationOptions, CopySourceOptions } from "minio";
import type { BlobInfo, BlobRead, ByteRange } from "../blob-store.js";
import { BlobStoreError, describeObject } from "../errors.js";
import { resolveRange } from "../ranges.js";
import { isS3Missing, s3Call, s3Code } from "./s3-client.js";
import { fromHeaders } from "./s3-headers.js";
import { copySource } from "./s3-staging.js";

/** The object's info and ETag (for conditional copies), or null when absent. */
export async function statS3Object(
  client: Client,
  s3Bucket: string,
  bucket: string,
  name: string,
): Promise<{ info: BlobInfo; etag: string } | null> {
  try {
    const stat = await client.statObject(s3Bucket, name);
    return { info: fromHeaders(bucket, name, stat.metaData, stat), etag: stat.etag };
  } catch (e) {
    if (isS3Missing(e)) return null;
    return s3Call({ bucket, name }, "HeadObject", () => Promise.reject(e));
  }
}

/**
 * Content and info from one GetObject, so both describe the same generation even while
 * another writer replaces the object. `range` is already checked for form.
 */
export async function readS3Object(
  client: Client,
  s3Bucket: string,
  bucket: string,
  name: string,
  range: ByteRange | undefined,
): Promise<BlobRead | null> {
  let response: IncomingMessage;
  try {
    // minio answers the HTTP response itself, headers included, typed as a plain stream.
    response = (await s3Call({ bucket, name }, "GetObject", () =>
      range
        ? client.getPartialObject(
            s3Bucket,
            name,
            range.start,
            range.end === undefined ? 0 : range.end - range.start + 1,
          )
        : client.getObject(s3Bucket, name),
    )) as IncomingMessage;
  } catch (e) {
    const cause = e instanceof Error ? e.cause : undefined;
    if (isS3Missing(cause)) return null;
    if (s3Code(cause) === "InvalidRange") throw pastTheEnd(bucket, name, range?.start ?? 0);
    throw e;
  }
  const total = /\/(\d+)$/.exec(String(response.headers["content-range"] ?? ""));
  const size = Number(total ? total[1] : response.headers["content-length"]);
  const info = fromHeaders(bucket, name, response.headers, {
    size,
    etag: String(response.headers.etag ?? ""),
    lastModified: new Date(String(response.headers["last-modified"] ?? 0)),
  });
  if (!range) return { info, body: response };
  // `bytes=0-` of an empty object is answered whole by some servers; an empty object has no
  // satisfiable range in the other store either.
  if (size === 0) {
    response.destroy();
    throw pastTheEnd(bucket, name, range.start);
  }
  return { info, body: response, range: resolveRange(info, range)! };
}

/**
 * Replaces an object's metadata by copying it onto itself. The ETag condition makes S3 refuse
 * the copy if the content changed since `etag` was read (another process wrote), rather than
 * put our metadata on someone else's content.
 */
export async function rewriteMetadata(
  client: Client,
  s3Bucket: string,
  bucket: string,
  name: string,
  etag: string,
  headers: Record<string, string>,
): Promise<void> {
  await s3Call({ bucket, name }, "CopyObject", () =>
    client.copyObject(
      new CopySourceOptions({ Bucket: s3Bucket, Object: name, MatchETag: etag }),
      new CopyDestinationOptions({
        Bucket: s3Bucket,
        Object: name,
        MetadataDirective: "REPLACE",
        Headers: { ...headers, "x-amz-copy-source": copySource(s3Bucket, name) },
      }),
    ),
  );
}

function pastTheEnd(bucket: string, name: string, start: number): BlobStoreError {
  return new BlobStoreError(
    "invalid-range",
    `Byte range starting at ${start} is past the end of ${describeObject(bucket, name)}.`,
    { bucket, name },
  );
}
