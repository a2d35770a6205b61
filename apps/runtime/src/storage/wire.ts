import type { BlobInfo } from "@winky/blob-store";
import { RuntimeError, isRuntimeError } from "../errors/runtime-error.js";

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

/** The part of an object a request asks for: `bytes=a-b`, `bytes=a-` or `bytes=-n`. */
export type RangeRequest = { start: number; end?: number } | { suffix: number };

/**
 * Reads `Range` as RFC 9110 §14.2 lets a server that serves one range per request (as S3 and
 * Cloud Storage do): a single `bytes=a-b`, `bytes=a-` or `bytes=-n` is answered. Anything else
 * — another unit, several ranges, `b < a`, junk — is ignored, and the whole object is served
 * (200): a client that sent it still gets correct bytes. Whether a valid range is satisfiable
 * depends on the object's size, which only the store knows; see {@link rangeNotSatisfiable}.
 */
export function parseRange(header: string | undefined): RangeRequest | undefined {
  if (!header) return undefined;
  // The range unit is case-insensitive (RFC 9110 §14.1); the positions are plain digits.
  const spec = /^bytes=(\d*)-(\d*)$/i.exec(header.trim());
  if (!spec || (spec[1] === "" && spec[2] === "")) return undefined;
  const [, first = "", last = ""] = spec;
  if (first === "") return { suffix: position(last) };
  if (last === "") return { start: position(first) };
  // Compared exactly: positions past 2^53 are capped below, which could make b < a look equal.
  if (BigInt(last) < BigInt(first)) return undefined;
  return { start: position(first), end: position(last) };
}

/**
 * A position capped at the largest safe integer: no object is that large, so a bigger start is
 * as unsatisfiable, and a bigger end or suffix as much "to the end", as the number written.
 */
function position(digits: string): number {
  return Math.min(Number(digits), Number.MAX_SAFE_INTEGER);
}

/**
 * The error for a valid range no byte of the object is in (a start at or past its end, or
 * `bytes=-0`). The route answers it with 416 and `Content-Range: bytes *\/<size>`, as S3 and
 * Cloud Storage do, in the runtime's error shape with code `out-of-range`.
 */
export function rangeNotSatisfiable(name: string, size: number): RuntimeError {
  return new RuntimeError(
    "out-of-range",
    `Range: no byte of ${JSON.stringify(name)} (${size} bytes) is in the requested range`,
    { reason: "range-not-satisfiable", size },
  );
}

/** Whether `e` came from {@link rangeNotSatisfiable}, so `details.size` is the object's size. */
export function isRangeNotSatisfiable(
  e: unknown,
): e is RuntimeError & { details: { size: number } } {
  return (
    isRuntimeError(e) &&
    e.details?.reason === "range-not-satisfiable" &&
    typeof e.details.size === "number"
  );
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
