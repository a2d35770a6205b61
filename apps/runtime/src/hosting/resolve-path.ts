import { looksLikeFile } from "./site-paths.js";

/** How a site answers a path (`HostingConfig`'s `spa` and `cleanUrls`). */
export interface ResolveOptions {
  spa: boolean;
  cleanUrls: boolean;
}

/** What a request path leads to. */
export type Resolution =
  /** Serve the file at `path` of the manifest with `status`. */
  | { kind: "file"; path: string; status: 200 | 404 }
  /** Send the browser to `location`, relative to the request's URL (so it works under any prefix). */
  | { kind: "redirect"; location: string }
  /** Nothing to serve: the runtime's own not-found. */
  | { kind: "none" };

/**
 * Finds the file for a request path (percent-decoded), in order: the exact path; a directory's
 * `index.html` (`/docs/` → `/docs/index.html`, and `/docs` is redirected to `docs/` so the page's
 * relative links resolve); with `cleanUrls`, `/about` → `/about.html`; with `spa`, `/index.html`
 * for every path that does not look like a file (a missing `/assets/x.js` never gets the app's
 * HTML, which a browser would try to run as a script); `/404.html` with status 404; else none.
 */
export function resolveSitePath(
  path: string,
  has: (path: string) => boolean,
  options: ResolveOptions,
): Resolution {
  if (path.endsWith("/")) {
    if (has(`${path}index.html`)) return file(`${path}index.html`);
  } else {
    if (has(path)) return file(path);
    if (has(`${path}/index.html`)) {
      return { kind: "redirect", location: `${lastSegment(path)}/` };
    }
    if (options.cleanUrls && has(`${path}.html`)) return file(`${path}.html`);
  }
  if (options.spa && !looksLikeFile(path) && has("/index.html")) return file("/index.html");
  if (has("/404.html")) return { kind: "file", path: "/404.html", status: 404 };
  return { kind: "none" };
}

function file(path: string): Resolution {
  return { kind: "file", path, status: 200 };
}

/** A path segment as a relative URL reference: percent-encoded, and never read as a scheme. */
function lastSegment(path: string): string {
  return `./${encodeURIComponent(path.slice(path.lastIndexOf("/") + 1))}`;
}
