/** A push target as {@link pushApp} uses it. */
export interface GitRemote {
  /** What git is given: the URL as written (a user name kept, never a password). */
  url: string;
  /** The URL without any userinfo: what messages, logs and the run's state show. */
  display: string;
  /** `http` covers https too; credentials are only ever sent to these. */
  kind: "http" | "file" | "ssh";
  /** The user named in the URL, if any (the credentials' default user name). */
  user?: string;
}

// scp-like ssh (`git@host:owner/app.git`): a colon before any slash, and no scheme.
// A path starting with a colon is git's `<transport>::<address>` form instead, and an `@` in the
// path means a userinfo with a colon in it (`user:password@host:path`), which is not echoed.
const SCP_LIKE = /^(?:([^@/:\s]+)@)?([^@/:\s]+):([^:@\s][^@\s]*)$/;

/**
 * Reads a remote URL: https, http, file:// or ssh (`ssh://` or scp-like). Anything else is
 * refused, local paths and git's `ext::` transport (which runs a command) included, and a URL
 * carrying a password is refused rather than stored: the password comes from the secret store.
 * Errors never repeat the URL's userinfo.
 */
export function parseRemote(raw: string): GitRemote {
  const scp = SCP_LIKE.exec(raw);
  if (scp && !raw.includes("://")) {
    const [, user, host, repoPath] = scp;
    return { url: raw, display: `${host}:${repoPath}`, kind: "ssh", ...(user ? { user } : {}) };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Not echoed: a malformed URL may hold a password anywhere.
    throw new Error("pushApp: the remote is not a URL (https, http, file:// or ssh)");
  }
  const kind = KINDS[url.protocol];
  // Not named either: in a URL without `//` (`user:pw@host:path`) the "scheme" is a user name.
  if (!kind) throw new Error("pushApp: unsupported remote (https, http, file:// or ssh only)");
  const user = decodeURIComponent(url.username);
  const hadPassword = url.password !== "";
  url.username = "";
  url.password = "";
  const display = url.href;
  if (hadPassword) {
    throw new Error(
      `pushApp: the remote URL ${display} carries a password; give it as credentials from the secret store`,
    );
  }
  if (kind === "file" && user) throw new Error(`pushApp: a file:// remote names no user`);
  return { url: raw, display, kind, ...(user ? { user } : {}) };
}

const KINDS: Readonly<Record<string, GitRemote["kind"] | undefined>> = {
  "https:": "http",
  "http:": "http",
  "file:": "file",
  "ssh:": "ssh",
  "git+ssh:": "ssh",
  "ssh+git:": "ssh",
};
