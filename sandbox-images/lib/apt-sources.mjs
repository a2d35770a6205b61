// The Debian mirror for debootstrap comes from the host's own apt configuration: whatever
// mirror (or proxy, or snapshot) the machine already installs packages from is the one that is
// reachable. We never hard-code a mirror host.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

const SCHEMES = ["http:", "https:", "file:"]; // what debootstrap can fetch from

/** Entries of a deb822 `.sources` file (apt's newer format): one paragraph per entry. */
export function parseDeb822Sources(text) {
  const paragraphs = text.split(/\n\s*\n/);
  return paragraphs.flatMap((paragraph) => {
    const fields = new Map();
    let last;
    for (const line of paragraph.split("\n")) {
      if (line.startsWith("#") || line.trim() === "") continue;
      if (/^\s/.test(line) && last) {
        fields.set(last, `${fields.get(last)} ${line.trim()}`); // continuation line
        continue;
      }
      const colon = line.indexOf(":");
      if (colon < 0) continue;
      last = line.slice(0, colon).trim().toLowerCase();
      fields.set(last, line.slice(colon + 1).trim());
    }
    const list = (key) => (fields.get(key) ?? "").split(/\s+/).filter(Boolean);
    if (!fields.has("uris")) return [];
    return list("uris").map((uri) => ({
      types: list("types"),
      uri,
      suites: list("suites"),
      components: list("components"),
      enabled: (fields.get("enabled") ?? "yes").toLowerCase() !== "no",
    }));
  });
}

/** Entries of a one-line `sources.list`: `deb [ options ] uri suite component...`. */
export function parseOneLineSources(text) {
  return text.split("\n").flatMap((raw) => {
    const tokens = raw.replace(/#.*/, "").trim().split(/\s+/).filter(Boolean);
    const type = tokens.shift();
    if (type !== "deb" && type !== "deb-src") return [];
    if (tokens[0]?.startsWith("[")) {
      tokens.splice(0, tokens.findIndex((token) => token.endsWith("]")) + 1); // [ options ]
    }
    const [uri, suite, ...components] = tokens;
    if (!uri || !suite) return [];
    return [{ types: [type], uri, suites: [suite], components, enabled: true }];
  });
}

/**
 * The first usable entry for `suite` in apt's order: binary (`deb`), enabled, exactly that
 * suite (so bookworm-security and bookworm-updates never match), with the `main` component
 * (which rules out third-party repos such as Docker's `bookworm stable`), over a scheme
 * debootstrap can use. Trailing slashes are dropped so the cache key does not depend on them.
 */
export function pickMirror(entries, suite) {
  const entry = entries.find(
    (e) =>
      e.enabled &&
      e.types.includes("deb") &&
      e.suites.includes(suite) &&
      e.components.includes("main") &&
      SCHEMES.some((scheme) => e.uri.startsWith(scheme)),
  );
  return entry?.uri.replace(/\/+$/, "");
}

/**
 * The mirror to debootstrap `suite` from: $WINKY_DEBIAN_MIRROR when set, else the host's apt
 * sources (/etc/apt/sources.list, then sources.list.d/*.list and *.sources in name order, as
 * apt reads them). Throws, naming the files it read, when none fits.
 */
export async function findDebianMirror(suite, options = {}) {
  const env = options.env ?? process.env;
  if (env.WINKY_DEBIAN_MIRROR) return env.WINKY_DEBIAN_MIRROR.replace(/\/+$/, "");
  const { files, entries } = await readAptSources(options.aptDir);
  const mirror = pickMirror(entries, suite);
  if (!mirror) {
    throw new Error(
      `no apt source for Debian ${suite} (a "deb" entry with suite "${suite}" and component ` +
        `"main") in ${files.join(", ")}; add one, or set WINKY_DEBIAN_MIRROR to a Debian mirror URL`,
    );
  }
  return mirror;
}

/**
 * Where apt should fetch packages for `suite` from, as `{ uri, suite }` entries: the mirror of
 * findDebianMirror for the suite itself, then `<suite>-updates` and `<suite>-security` from the
 * host's sources when it has them (security: $WINKY_DEBIAN_SECURITY_MIRROR first). Debian ships
 * chromium's updates through the security suite only, so without it chromium is the one the
 * point release had.
 */
export async function findDebianSources(suite, options = {}) {
  const env = options.env ?? process.env;
  const mirror = await findDebianMirror(suite, options);
  const { entries } = await readAptSources(options.aptDir);
  const updates = env.WINKY_DEBIAN_MIRROR ? mirror : pickMirror(entries, `${suite}-updates`);
  const security =
    env.WINKY_DEBIAN_SECURITY_MIRROR?.replace(/\/+$/, "") ??
    pickMirror(entries, `${suite}-security`);
  return [
    { uri: mirror, suite },
    ...(updates ? [{ uri: updates, suite: `${suite}-updates` }] : []),
    ...(security ? [{ uri: security, suite: `${suite}-security` }] : []),
  ];
}

/** Every entry of the host's apt sources in apt's order, and the files read. */
async function readAptSources(aptDir = "/etc/apt") {
  const partsDir = path.join(aptDir, "sources.list.d");
  const parts = await readdir(partsDir).catch(() => []);
  const files = [
    path.join(aptDir, "sources.list"),
    ...parts
      .filter((name) => name.endsWith(".list") || name.endsWith(".sources"))
      .sort()
      .map((name) => path.join(partsDir, name)),
  ];
  const entries = [];
  for (const file of files) {
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text === undefined) continue;
    entries.push(
      ...(file.endsWith(".sources") ? parseDeb822Sources(text) : parseOneLineSources(text)),
    );
  }
  return { files, entries };
}
