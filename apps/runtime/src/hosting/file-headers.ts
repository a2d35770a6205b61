import { extensionOf } from "./site-paths.js";

/** What a served file's extension says its type is; anything else is a download. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: "text/html; charset=utf-8",
  htm: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json; charset=utf-8",
  map: "application/json; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  xml: "application/xml",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  ico: "image/x-icon",
  woff: "font/woff",
  woff2: "font/woff2",
  wasm: "application/wasm",
  webmanifest: "application/manifest+json",
};

export const DEFAULT_CONTENT_TYPE = "application/octet-stream";

/** A year, and never revalidated: the URL changes whenever the content does. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** HTML is revalidated on every load (a 304 when unchanged), so a release shows at once. */
export const REVALIDATE = "no-cache";
/** Other files whose name does not change with their content: five minutes. */
export const SHORT_LIVED = "public, max-age=300";

/** `Content-Type` for a site file, by its path's extension. */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extensionOf(path)] ?? DEFAULT_CONTENT_TYPE;
}

/**
 * Whether `path` is one of Vite's build outputs: under `/assets/`, named `name-[hash].ext` (an
 * 8-character base64url hash, Vite 3+, e.g. `index-B_wZ0Yan.js`, `vendor-C-3xUVmb.js`) or
 * `name.[hash].ext` (Vite 2, 8 hex digits). The hash must hold a digit or a capital letter, so
 * `my-homepage.js` is not taken for hashed: a real hash of 8 lowercase letters only (a chance
 * of about 1 in 750) is cached for five minutes instead of a year, which is merely slower.
 */
export function isHashedAsset(path: string): boolean {
  if (!path.startsWith("/assets/")) return false;
  const name = path.slice(path.lastIndexOf("/") + 1);
  const match = /[-.]([A-Za-z0-9_-]{8})\.[A-Za-z0-9]+$/.exec(name);
  return match !== null && /[0-9A-Z]/.test(match[1]!) && match.index > 0;
}

/** `Cache-Control` for the file at `path` (the file served, which may be `/index.html`). */
export function cacheControlOf(path: string): string {
  const extension = extensionOf(path);
  if (extension === "html" || extension === "htm") return REVALIDATE;
  return isHashedAsset(path) ? IMMUTABLE : SHORT_LIVED;
}

/** The strong validator of a file: its SHA-256, quoted. */
export function etagOf(hash: string): string {
  return `"${hash}"`;
}

/**
 * Whether an `If-None-Match` header names `etag` (or is `*`): the client's copy is current.
 * Weak validators (`W/"…"`) compare as strong ones do here, as RFC 9110 asks for this header.
 */
export function isNotModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}
