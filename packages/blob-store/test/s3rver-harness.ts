/**
 * A real S3-compatible server for the integration tests: s3rver (pure JavaScript) on a free
 * port over a temp dir. s3rver 3.7 differs from S3 in three places the conformance suite
 * reaches, so this harness fills them in, in the server, leaving the store's code untouched:
 *
 * - ListObjectsV2: s3rver lists in directory-walk order (not UTF-8 byte order), counts only
 *   keys against max-keys, ignores `encoding-type=url` (which the minio client always sends and
 *   always decodes) and builds continuation tokens with DES, which OpenSSL 3 no longer has.
 *   The harness answers ListObjectsV2 itself from s3rver's files, as S3 does.
 * - AbortMultipartUpload is not routed (405); the harness deletes the upload's parts.
 * - `x-amz-copy-source` is read with `decodeURI`, so `%23`, `%3F`, `%2B`… stay encoded; the
 *   harness re-encodes the header for it after the signature check.
 * - `Range: bytes=0-0` is served as the whole object (`end || Infinity`); the harness serves
 *   the first byte.
 */
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";

const require = createRequire(import.meta.url);

interface S3rverObject {
  key: string;
  size: number;
  lastModifiedDate: Date;
  metadata: Record<string, string>;
}
interface S3rverStore {
  listObjects(
    bucket: string,
    options: { prefix?: string; maxKeys: number },
  ): Promise<{ objects: S3rverObject[] }>;
  getObject(
    bucket: string,
    key: string,
    options?: { start?: number; end?: number },
  ): Promise<ServedObject | null>;
  getResourcePath(bucket: string, key: string, resource: string): string;
}
interface ServedObject {
  content?: Readable;
  range?: { start: number; end: number };
}
interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
  params: Record<string, string>;
  store: S3rverStore;
  status: number;
  body: unknown;
}
type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
interface S3rverServer {
  middleware: Middleware[];
  store: S3rverStore;
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverServer;
type Controller = (ctx: KoaContext) => Promise<void>;

const S3rver = require("s3rver") as S3rverClass;
const bucketCtrl = require("s3rver/lib/controllers/bucket.js") as Record<string, Controller>;
const objectCtrl = require("s3rver/lib/controllers/object.js") as Record<string, Controller>;

const bytes = (text: string): Buffer => Buffer.from(text, "utf8");
const byteOrder = (a: string, b: string): number => Buffer.compare(bytes(a), bytes(b));

async function listObjectsV2(ctx: KoaContext): Promise<void> {
  const q = ctx.query;
  const prefix = q.prefix ?? "";
  const delimiter = q.delimiter || undefined;
  const maxKeys = Math.min(1000, Number(q["max-keys"] ?? 1000));
  const token = q["continuation-token"];
  const startAfter = token
    ? Buffer.from(token, "base64url").toString("utf8")
    : (q["start-after"] ?? "");
  const { objects } = await ctx.store.listObjects(ctx.params.bucket!, {
    prefix: prefix || undefined,
    maxKeys: Infinity,
  });
  const contents: S3rverObject[] = [];
  const prefixes: string[] = [];
  let last = "";
  let truncated = false;
  for (const object of objects.sort((a, b) => byteOrder(a.key, b.key))) {
    if (!object.key.startsWith(prefix) || byteOrder(object.key, startAfter) <= 0) continue;
    const cut = delimiter === undefined ? -1 : object.key.indexOf(delimiter, prefix.length);
    const rolled = cut === -1 ? undefined : object.key.slice(0, cut + delimiter!.length);
    if (rolled !== undefined && rolled === prefixes.at(-1)) continue;
    if (contents.length + prefixes.length === maxKeys) {
      truncated = true;
      break;
    }
    if (rolled === undefined) contents.push(object);
    else prefixes.push(rolled);
    last = rolled ?? object.key;
  }
  const encode = q["encoding-type"] === "url" ? encodeURIComponent : (text: string) => text;
  ctx.body = {
    ListBucketResult: {
      "@": { xmlns: "http://s3.amazonaws.com/doc/2006-03-01/" },
      Name: ctx.params.bucket,
      Prefix: encode(prefix),
      KeyCount: contents.length + prefixes.length,
      MaxKeys: maxKeys,
      Delimiter: delimiter === undefined ? undefined : encode(delimiter),
      EncodingType: q["encoding-type"],
      IsTruncated: truncated,
      NextContinuationToken: truncated
        ? Buffer.from(last, "utf8").toString("base64url")
        : undefined,
      Contents: contents.map((o) => ({
        Key: encode(o.key),
        LastModified: o.lastModifiedDate.toISOString(),
        ETag: o.metadata.etag,
        Size: o.size,
        StorageClass: "STANDARD",
      })),
      CommonPrefixes: prefixes.map((p) => ({ Prefix: encode(p) })),
    },
  };
}

function patchControllers(): void {
  const marker = "__winkyPatched";
  if ((bucketCtrl as Record<string, unknown>)[marker]) return;
  (bucketCtrl as Record<string, unknown>)[marker] = true;
  const getBucket = bucketCtrl.getBucket!;
  bucketCtrl.getBucket = (ctx) =>
    ctx.query["list-type"] === "2" ? listObjectsV2(ctx) : getBucket(ctx);
  const putObjectCopy = objectCtrl.putObjectCopy!;
  objectCtrl.putObjectCopy = (ctx) => {
    const source = ctx.headers["x-amz-copy-source"];
    if (source !== undefined)
      ctx.headers["x-amz-copy-source"] = encodeURI(decodeURIComponent(source));
    return putObjectCopy(ctx);
  };
}

export interface RunningS3rver {
  port: number;
  accessKey: string;
  secretKey: string;
  close(): Promise<void>;
}

/** Starts s3rver on 127.0.0.1 and a free port, its files in a new temp dir removed on close. */
export async function startS3rver(): Promise<RunningS3rver> {
  patchControllers();
  const directory = await mkdtemp(path.join(tmpdir(), "winky-s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory });
  server.middleware.unshift(async (ctx, next) => {
    const uploadId = ctx.query.uploadId;
    if (ctx.method !== "DELETE" || uploadId === undefined || !/^[0-9a-f]+$/.test(uploadId))
      return next();
    const bucket = decodeURIComponent(ctx.path.split("/")[1] ?? "");
    await rm(path.join(directory, bucket, "._S3rver_uploads", uploadId), {
      recursive: true,
      force: true,
    });
    ctx.status = 204;
  });
  const store = server.store;
  const getObject = store.getObject.bind(store);
  store.getObject = async (bucket, key, options) => {
    const object = await getObject(bucket, key, options);
    if (object?.content && options?.start === 0 && options.end === 0) {
      object.content.destroy();
      object.content = createReadStream(store.getResourcePath(bucket, key, "object"), {
        start: 0,
        end: 0,
      });
      object.range = { start: 0, end: 0 };
    }
    return object;
  };
  const { port } = await server.run();
  return {
    port,
    accessKey: "S3RVER",
    secretKey: "S3RVER",
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
