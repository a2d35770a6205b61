import { createHash } from "node:crypto";
import type { BlobRead, BlobStore } from "@winky/blob-store";

/** How many blob-store lookups one request keeps in flight (a manifest may name thousands). */
const LOOKUP_CONCURRENCY = 16;

/**
 * The blob-store bucket of a project's site files: `h.` and 40 hex digits of the SHA-256 of
 * the project id. Storage's buckets are a project id or `x.<hash>` (`storage/object-names.ts`),
 * and project ids hold no dot, so no storage bucket is ever a site's, nor the other way round.
 */
export function siteBucketOf(projectId: string): string {
  return `h.${createHash("sha256").update(projectId).digest("hex").slice(0, 40)}`;
}

/** The SHA-256 of `bytes`, lowercase hex: a site file's name. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * A project's site files in the blob store, content-addressed: a file's object name is the
 * SHA-256 of its bytes, so versions share files and an upload of a file already there is free.
 * Nothing here deletes: any version may be released again.
 */
export class SiteFiles {
  constructor(private readonly blobs: BlobStore) {}

  /** The size of each file the store holds, by hash; the hashes it lacks are absent. */
  async sizes(projectId: string, hashes: Iterable<string>): Promise<Map<string, number>> {
    const bucket = siteBucketOf(projectId);
    const pending = [...new Set(hashes)];
    const sizes = new Map<string, number>();
    const worker = async () => {
      for (let hash = pending.pop(); hash !== undefined; hash = pending.pop()) {
        const info = await this.blobs.stat(bucket, hash);
        if (info) sizes.set(hash, info.size);
      }
    };
    await Promise.all(Array.from({ length: LOOKUP_CONCURRENCY }, worker));
    return sizes;
  }

  /**
   * Stores `bytes` under their hash (the caller checked it), unless the store has them already.
   * Writes are all or nothing in every store, so a failed upload leaves no file behind.
   */
  async put(projectId: string, hash: string, bytes: Buffer): Promise<{ stored: boolean }> {
    const bucket = siteBucketOf(projectId);
    if (await this.blobs.stat(bucket, hash)) return { stored: false };
    await this.blobs.put(bucket, hash, bytes, { contentType: "application/octet-stream" });
    return { stored: true };
  }

  /** The file's content, or null when the store lacks it. */
  open(projectId: string, hash: string): Promise<BlobRead | null> {
    return this.blobs.get(siteBucketOf(projectId), hash);
  }
}
