import type { ListOptions } from "./blob-store.js";
import { BlobStoreError, quote } from "./errors.js";
import { assertPrefix, compareNames } from "./names.js";

export const MAX_PAGE_SIZE = 1000;

/** A list request, checked: the page token decoded to the last name or prefix already sent. */
export interface ListRequest {
  prefix: string;
  delimiter: "/" | undefined;
  pageSize: number;
  after: string | undefined;
}

function invalid(bucket: string, problem: string): BlobStoreError {
  return new BlobStoreError(
    "invalid-argument",
    `Invalid list request for bucket ${quote(bucket)}: ${problem}.`,
    {
      bucket,
    },
  );
}

/** @throws {BlobStoreError} `invalid-argument`. */
export function checkListOptions(bucket: string, options: ListOptions = {}): ListRequest {
  const prefix = assertPrefix(bucket, options.prefix);
  if (options.delimiter !== undefined && options.delimiter !== "/") {
    throw invalid(bucket, `the delimiter must be "/", not ${quote(String(options.delimiter))}`);
  }
  const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw invalid(bucket, `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  let after: string | undefined;
  if (options.pageToken !== undefined) {
    after = decodePageToken(options.pageToken);
    if (after === undefined) throw invalid(bucket, "the page token is not one this store issued");
  }
  return { prefix, delimiter: options.delimiter, pageSize, after };
}

// Tokens carry the last entry sent, so both stores resume the same way ("after this name")
// and a token survives a restart; they are opaque to clients, who must not build them.
export function encodePageToken(lastEntry: string): string {
  return `n${Buffer.from(lastEntry, "utf8").toString("base64url")}`;
}

function decodePageToken(token: string): string | undefined {
  if (typeof token !== "string" || !/^n[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const text = Buffer.from(token.slice(1), "base64url").toString("utf8");
  return encodePageToken(text) === token ? text : undefined;
}

/** Entries of a listing in order: an item (object name) or a rolled-up prefix. */
export type ListEntry =
  { kind: "item"; name: string; size: number } | { kind: "prefix"; name: string };

/**
 * Collects one page from entries that arrive in byte order (duplicates and entries at or
 * before `after` are skipped): reads one entry past the page to know if there is more.
 */
export async function collectPage(
  entries: AsyncIterable<ListEntry>,
  request: ListRequest,
): Promise<{
  items: { name: string; size: number }[];
  prefixes: string[];
  nextPageToken?: string;
}> {
  const page: ListEntry[] = [];
  let more = false;
  let last = request.after;
  for await (const entry of entries) {
    if (last !== undefined && compareNames(entry.name, last) <= 0) continue;
    if (page.length === request.pageSize) {
      more = true;
      break;
    }
    page.push(entry);
    last = entry.name;
  }
  const items = page.flatMap((e) => (e.kind === "item" ? [{ name: e.name, size: e.size }] : []));
  const prefixes = page.flatMap((e) => (e.kind === "prefix" ? [e.name] : []));
  const lastEntry = page.at(-1);
  return more && lastEntry
    ? { items, prefixes, nextPageToken: encodePageToken(lastEntry.name) }
    : { items, prefixes };
}
