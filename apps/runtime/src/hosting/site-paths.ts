/** A file's name in the blob store and in a manifest: the SHA-256 of its bytes, lowercase hex. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The most files one version may hold (a Vite build has tens; this bounds a manifest row). */
export const MAX_SITE_FILES = 20_000;

/** The longest path a site file may have, in characters. */
export const MAX_SITE_PATH_LENGTH = 1024;

/**
 * Why `path` cannot name a file of a site, or null when it can: it starts with `/`, has no
 * empty, `.` or `..` segment (so no `//` and no trailing `/`: a directory is not a file), no
 * backslash, no control character, no `?` or `#` (a browser would never send them as part of
 * the path), and is at most {@link MAX_SITE_PATH_LENGTH} characters long. Paths are compared
 * as they are, after a request's path was percent-decoded once: `/a b.txt` is served at
 * `/a%20b.txt`.
 */
export function sitePathProblem(path: string): string | null {
  if (!path.startsWith("/")) return "a path must start with /";
  if (path.length > MAX_SITE_PATH_LENGTH) {
    return `a path may be at most ${MAX_SITE_PATH_LENGTH} characters long, not ${path.length}`;
  }
  if (path.includes("\\")) return "a path may not contain a backslash";
  if (hasControlCharacter(path)) return "a path may not contain a control character";
  if (/[?#]/.test(path)) return "a path may not contain ? or #";
  for (const segment of path.slice(1).split("/")) {
    if (segment === "") return "a path may not have an empty segment (// or a trailing /)";
    if (segment === "." || segment === "..") return `a path may not have a '${segment}' segment`;
  }
  return null;
}

/** `files["/a/../b"]`: how error messages point at one entry of a manifest. */
export function fileField(path: string): string {
  const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
  return `files[${JSON.stringify(shown)}]`;
}

/** `/index.html` → `html`; `/a/b` → `""`: the last segment's extension, lowercase. */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/**
 * Whether a request path looks like a file rather than an app route: its last segment holds a
 * dot (`/assets/x.js`, `/favicon.ico`), as `connect-history-api-fallback` (Vite's dev server)
 * decides. Such paths never fall back to `index.html`.
 */
export function looksLikeFile(path: string): boolean {
  return path.slice(path.lastIndexOf("/") + 1).includes(".");
}

/** C0 and C1 controls and DEL: never meaningful in a path, and CR/LF would split a header. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}
