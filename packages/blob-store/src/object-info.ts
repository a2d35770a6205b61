import type { BlobInfo } from "./blob-store.js";
import type { CheckedWrite } from "./write-options.js";

/** The metadata of a new generation: what the write asked for plus what the content is. */
export function newGenerationInfo(
  bucket: string,
  name: string,
  write: CheckedWrite,
  content: { size: number; md5Hash: string },
  generation: string,
  now: Date,
): BlobInfo {
  const time = now.toISOString();
  const info: BlobInfo = {
    bucket,
    name,
    size: content.size,
    contentType: write.contentType,
    md5Hash: content.md5Hash,
    generation,
    metageneration: "1",
    timeCreated: time,
    updated: time,
    metadata: write.metadata,
  };
  if (write.cacheControl !== undefined) info.cacheControl = write.cacheControl;
  if (write.contentDisposition !== undefined) info.contentDisposition = write.contentDisposition;
  return info;
}
