import type { BlobInfo } from "../blob-store.js";
import { DEFAULT_CONTENT_TYPE } from "../write-options.js";

/**
 * How a {@link BlobInfo} is kept on an S3 object. Content type, cache control and content
 * disposition are the native headers, so a presigned download serves them. Everything else is
 * user metadata (`x-amz-meta-winky-*`): generation, metageneration, creation and update times
 * (S3's Last-Modified has only second precision and changes on every copy) and the MD5 (the
 * ETag of a multipart object is not one). Custom metadata is one header, base64url JSON:
 * S3 lower-cases metadata keys and allows only ASCII values, while Firebase keys are
 * case-sensitive and values are Unicode.
 */
const META = "x-amz-meta-";
const GENERATION = "winky-generation";
const METAGENERATION = "winky-metageneration";
const CREATED = "winky-created";
const UPDATED = "winky-updated";
const MD5 = "winky-md5";
const CUSTOM = "winky-custom";

/** Request headers (for PutObject, CreateMultipartUpload or CopyObject) that store `info`. */
export function toHeaders(info: BlobInfo): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Type": info.contentType,
    [META + GENERATION]: info.generation,
    [META + METAGENERATION]: info.metageneration,
    [META + CREATED]: info.timeCreated,
    [META + UPDATED]: info.updated,
    [META + MD5]: info.md5Hash,
  };
  if (info.cacheControl !== undefined) headers["Cache-Control"] = info.cacheControl;
  if (info.contentDisposition !== undefined)
    headers["Content-Disposition"] = info.contentDisposition;
  if (Object.keys(info.metadata).length > 0) {
    headers[META + CUSTOM] = Buffer.from(JSON.stringify(info.metadata), "utf8").toString(
      "base64url",
    );
  }
  return headers;
}

/** What S3 said about an object besides its headers. */
export interface S3Facts {
  size: number;
  etag: string;
  lastModified: Date;
}

type HeaderBag = Record<string, string | string[] | number | undefined>;

/**
 * The {@link BlobInfo} of an S3 object, from HTTP response headers or from minio's
 * `statObject().metaData` (which drops the `x-amz-meta-` prefix). Objects written by other
 * tools get generation and times from Last-Modified and the MD5 from a single-part ETag.
 */
export function fromHeaders(
  bucket: string,
  name: string,
  raw: HeaderBag,
  facts: S3Facts,
): BlobInfo {
  const headers = new Map<string, string>();
  for (const [key, value] of Object.entries(raw)) {
    const lower = key.toLowerCase();
    const text = Array.isArray(value)
      ? value.join(",")
      : value === undefined
        ? undefined
        : String(value);
    if (text !== undefined)
      headers.set(lower.startsWith(META) ? lower.slice(META.length) : lower, text);
  }
  const modified = facts.lastModified.toISOString();
  const info: BlobInfo = {
    bucket,
    name,
    size: facts.size,
    contentType: headers.get("content-type") ?? DEFAULT_CONTENT_TYPE,
    md5Hash: headers.get(MD5) ?? md5FromEtag(facts.etag),
    generation: headers.get(GENERATION) ?? String(BigInt(facts.lastModified.getTime()) * 1000n),
    metageneration: headers.get(METAGENERATION) ?? "1",
    timeCreated: headers.get(CREATED) ?? modified,
    updated: headers.get(UPDATED) ?? modified,
    metadata: parseCustom(headers.get(CUSTOM)),
  };
  const cacheControl = headers.get("cache-control");
  if (cacheControl !== undefined) info.cacheControl = cacheControl;
  const contentDisposition = headers.get("content-disposition");
  if (contentDisposition !== undefined) info.contentDisposition = contentDisposition;
  return info;
}

function parseCustom(encoded: string | undefined): Record<string, string> {
  if (encoded === undefined) return {};
  try {
    const parsed = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")) as unknown;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter(([, v]) => typeof v === "string"),
    ) as Record<string, string>;
  } catch {
    return {};
  }
}

function md5FromEtag(etag: string): string {
  const hex = etag.replaceAll('"', "");
  return /^[0-9a-f]{32}$/i.test(hex) ? Buffer.from(hex, "hex").toString("base64") : "";
}
