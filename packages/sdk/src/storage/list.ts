/**
 * Listing a "folder": `GET o?prefix=<path>/&delimiter=/`, which answers the objects directly
 * below it and the deeper prefixes, a page at a time. The rules judge a `list` of the folder.
 */
import { WinkyError, invalidArgument } from "../errors.js";
import { StorageReference } from "./storage.js";

/** Options of {@link list}. */
export interface ListOptions {
  /** Items and prefixes per page, 1 to 1000; the runtime's default when absent. */
  maxResults?: number | null;
  /** A previous page's {@link ListResult.nextPageToken}. */
  pageToken?: string | null;
}

/** One page of a listing. */
export interface ListResult {
  /** The "subfolders": references to the prefixes one level down. */
  prefixes: StorageReference[];
  /** The objects directly in the folder. */
  items: StorageReference[];
  /** Present when there is more: pass it as `pageToken` to get the next page. */
  nextPageToken?: string;
}

/** The largest page the runtime serves. */
export const MAX_LIST_RESULTS = 1000;

interface WireList {
  prefixes?: string[];
  items?: { name: string }[];
  nextPageToken?: string;
}

/**
 * One page of what is in the folder `ref` (the root lists the bucket's top level).
 *
 * @example
 * ```ts
 * let page = await list(ref(storage, `users/${uid}`), { maxResults: 50 });
 * render(page.items.map((item) => item.name));
 * if (page.nextPageToken) page = await list(folder, { maxResults: 50, pageToken: page.nextPageToken });
 * ```
 * @throws WinkyError invalid-argument for a bad option, permission-denied when the rules
 *   refuse the list.
 */
export async function list(ref: StorageReference, options: ListOptions = {}): Promise<ListResult> {
  const { maxResults, pageToken } = options;
  if (
    maxResults != null &&
    (!Number.isSafeInteger(maxResults) || maxResults < 1 || maxResults > MAX_LIST_RESULTS)
  ) {
    throw invalidArgument(`list(): maxResults must be an integer from 1 to ${MAX_LIST_RESULTS}`);
  }
  if (pageToken != null && (typeof pageToken !== "string" || pageToken === "")) {
    throw invalidArgument("list(): pageToken must be a token from a previous page");
  }
  const query = new URLSearchParams({
    prefix: ref.fullPath === "" ? "" : `${ref.fullPath}/`,
    delimiter: "/",
    ...(maxResults != null ? { maxResults: String(maxResults) } : {}),
    ...(pageToken != null ? { pageToken } : {}),
  });
  const page = await ref.storage.http.request<WireList>(`/storage/o?${query.toString()}`, {
    method: "GET",
    authenticated: true,
  });
  const at = (path: string) => new StorageReference(ref.storage, path);
  return {
    prefixes: (page.prefixes ?? []).map((p) => at(p.replace(/\/$/, ""))),
    items: (page.items ?? []).map((item) => at(item.name)),
    ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
  };
}

/**
 * Everything in the folder `ref`, page after page: fine for a folder of hundreds of entries;
 * page with {@link list} through larger ones.
 *
 * @example
 * ```ts
 * const { items, prefixes } = await listAll(ref(storage, `users/${uid}`));
 * ```
 * @throws WinkyError permission-denied when the rules refuse the list.
 */
export async function listAll(ref: StorageReference): Promise<ListResult> {
  const all: ListResult = { prefixes: [], items: [] };
  let pageToken: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await list(ref, {
      maxResults: MAX_LIST_RESULTS,
      ...(pageToken ? { pageToken } : {}),
    });
    all.prefixes.push(...page.prefixes);
    all.items.push(...page.items);
    pageToken = page.nextPageToken;
    // A runtime that answered the same token twice would keep this loop going for ever.
    if (pageToken !== undefined && seen.has(pageToken)) {
      throw new WinkyError("internal", "listAll(): the runtime answered the same page token twice");
    }
    if (pageToken !== undefined) seen.add(pageToken);
  } while (pageToken !== undefined);
  return all;
}
