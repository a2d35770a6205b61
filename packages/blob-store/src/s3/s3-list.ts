import type { Client } from "minio";
import type { ListEntry, ListRequest } from "../listing.js";
import { compareNames, MAX_NAME_BYTES } from "../names.js";
import { isS3Missing, s3Call } from "./s3-client.js";

/**
 * The first key S3 should consider after a rolled-up prefix: the prefix followed by the
 * greatest UTF-8 text that fits in a key, which sorts after every name under the prefix.
 * (After the prefix itself S3 would roll the same names up into the same prefix again.)
 */
function pastPrefix(prefix: string): string {
  const room = Math.floor((MAX_NAME_BYTES - Buffer.byteLength(prefix)) / 4);
  return prefix + "\u{10FFFF}".repeat(Math.max(room, 1));
}

/**
 * The entries of a listing in byte order, from ListObjectsV2 with `start-after` (never the
 * continuation token, so our page token stays "the last name sent" as in the other store).
 * Asks for one more entry than the page needs; stops as soon as the consumer does.
 */
export async function* listS3(
  client: Client,
  s3Bucket: string,
  bucket: string,
  request: ListRequest,
): AsyncGenerator<ListEntry> {
  let startAfter =
    request.after === undefined
      ? ""
      : request.after.endsWith("/")
        ? pastPrefix(request.after)
        : request.after;
  const maxKeys = Math.min(1000, request.pageSize + 1);
  for (;;) {
    const result = await s3Call({ bucket }, "ListObjectsV2", () =>
      client.listObjectsV2Query(
        s3Bucket,
        request.prefix,
        "",
        request.delimiter ?? "",
        maxKeys,
        startAfter,
      ),
    ).catch((e: unknown) => {
      if (e instanceof Error && isS3Missing(e.cause))
        return { objects: [], isTruncated: false, nextContinuationToken: "" };
      throw e;
    });
    const entries: ListEntry[] = result.objects.map((o) =>
      o.prefix !== undefined
        ? { kind: "prefix", name: o.prefix }
        : { kind: "item", name: o.name, size: o.size },
    );
    entries.sort((a, b) => compareNames(a.name, b.name));
    for (const entry of entries) yield entry;
    const last = entries.at(-1);
    if (!result.isTruncated || last === undefined) return;
    startAfter = last.kind === "prefix" ? pastPrefix(last.name) : last.name;
  }
}
