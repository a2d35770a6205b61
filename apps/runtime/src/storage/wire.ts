import type { BlobInfo } from "@winky/blob-store";

/** An object's metadata as Firebase Storage's REST API answers it (`size` is a string). */
export function toWireObject(projectId: string, info: BlobInfo): Record<string, unknown> {
  return {
    name: info.name,
    bucket: projectId,
    generation: info.generation,
    metageneration: info.metageneration,
    contentType: info.contentType,
    size: String(info.size),
    md5Hash: info.md5Hash,
    timeCreated: info.timeCreated,
    updated: info.updated,
    metadata: info.metadata,
    ...(info.cacheControl !== undefined ? { cacheControl: info.cacheControl } : {}),
    ...(info.contentDisposition !== undefined
      ? { contentDisposition: info.contentDisposition }
      : {}),
  };
}

/** `Range: bytes=a-b`, `bytes=a-` or `bytes=-n`; anything else (several ranges) is ignored. */
export function parseRange(
  header: string | undefined,
): { start: number; end?: number } | { suffix: number } | undefined {
  if (!header) return undefined;
  const suffix = /^bytes=-(\d{1,15})$/.exec(header.trim());
  if (suffix) return Number(suffix[1]) > 0 ? { suffix: Number(suffix[1]) } : undefined;
  const span = /^bytes=(\d{1,15})-(\d{0,15})$/.exec(header.trim());
  if (!span) return undefined;
  const start = Number(span[1]);
  if (span[2] === "") return { start };
  const end = Number(span[2]);
  // An unsatisfiable span is ignored, as HTTP allows: the whole object is served.
  return end >= start ? { start, end } : undefined;
}

/** `Content-Range` of a resumable chunk: `bytes a-b/total`, `bytes a-b/*`, `bytes *\/total`. */
export type ChunkRange =
  { kind: "chunk"; start: number; end: number; total?: number } | { kind: "query"; total?: number };

/** @returns null when the header is malformed. */
export function parseContentRange(header: string): ChunkRange | null {
  const query = /^bytes \*\/(\*|\d{1,15})$/.exec(header.trim());
  if (query) {
    return query[1] === "*" ? { kind: "query" } : { kind: "query", total: Number(query[1]) };
  }
  const chunk = /^bytes (\d{1,15})-(\d{1,15})\/(\*|\d{1,15})$/.exec(header.trim());
  if (!chunk) return null;
  const start = Number(chunk[1]);
  const end = Number(chunk[2]);
  if (end < start) return null;
  const total = chunk[3] === "*" ? undefined : Number(chunk[3]);
  if (total !== undefined && end >= total) return null;
  return { kind: "chunk", start, end, ...(total !== undefined ? { total } : {}) };
}
