// The site the hosting section deploys: the `public` folder's files minus `ignore`, with the
// options the runtime has (single-page fallback, clean URLs, glob headers). What else hosting
// says (redirects, function rewrites, i18n) is judged key by key in the report.
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { isInside } from "@winky/firebase-compat";
import type { FirebaseSection } from "../firebase-json.js";
import { memberOf, toPlain, type JsonObject } from "../json-node.js";
import { makeItem, type ReportItem } from "../report.js";
import { globToRegExp } from "./glob.js";

export interface HostingSite {
  publicDir: string;
  files: Map<string, Uint8Array>;
  config: {
    spa: boolean;
    cleanUrls?: boolean;
    headers?: { source: string; headers: Record<string, string> }[];
  };
}

export interface SiteReading {
  site: HostingSite | null;
  items: ReportItem[];
  blockers: ReportItem[];
}

// firebase-tools always leaves these out, whatever `ignore` says.
const ALWAYS_IGNORED = ["firebase.json", "**/.*", "**/node_modules/**"];
// A static site this large is a build mistake (node_modules copied in) rather than a site.
const MAX_FILES = 5000;

export async function readHostingSite(
  dir: string,
  section: FirebaseSection | undefined,
  file: string,
): Promise<SiteReading> {
  const entry = section?.entries[0];
  if (!entry || entry.value.kind !== "object") return { site: null, items: [], blockers: [] };
  const object = entry.value as JsonObject;
  const publicMember = memberOf(object, "public");
  const publicDir = publicMember?.value.kind === "string" ? publicMember.value.value : "public";
  const at = { file, line: (publicMember?.keyPosition ?? entry.position).line };
  const root = path.resolve(dir, publicDir);
  if (!isInside(dir, publicDir)) {
    // A firebase.json from elsewhere must not publish this machine's folders.
    const item = makeItem(
      "hosting",
      `${entry.label}.public`,
      at,
      "needs-change",
      `the site folder ${publicDir} is outside the project folder: move the built site inside it`,
    );
    return { site: null, items: [item], blockers: [item] };
  }
  if (!(await stat(root).catch(() => null))?.isDirectory()) {
    const item = makeItem(
      "hosting",
      `${entry.label}.public`,
      at,
      "needs-change",
      `the site folder ${publicDir} does not exist: build the site first (its predeploy), then import`,
    );
    return { site: null, items: [item], blockers: [item] };
  }
  const ignoreValue = memberOf(object, "ignore")?.value;
  const ignore = [
    ...ALWAYS_IGNORED,
    ...(ignoreValue?.kind === "array"
      ? ignoreValue.items.flatMap((i) => (i.kind === "string" ? [i.value] : []))
      : []),
  ].map(globToRegExp);
  const files = new Map<string, Uint8Array>();
  const walk = async (folder: string): Promise<void> => {
    for (const child of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, child.name);
      const rel = path.relative(root, full).split(path.sep).join("/");
      if (ignore.some((re) => re.test(rel))) continue;
      if (child.isDirectory()) await walk(full);
      else if (child.isFile() && files.size < MAX_FILES + 1)
        files.set(`/${rel}`, new Uint8Array(await readFile(full)));
    }
  };
  await walk(root);
  if (files.size > MAX_FILES) {
    const item = makeItem(
      "hosting",
      `${entry.label}.public`,
      at,
      "needs-change",
      `${publicDir} holds more than ${MAX_FILES} files: check its ignore list`,
    );
    return { site: null, items: [item], blockers: [item] };
  }
  const rewrites = memberOf(object, "rewrites")?.value;
  const spa =
    rewrites?.kind === "array" &&
    rewrites.items.some((r) => {
      const rule = toPlain(r) as { source?: unknown; destination?: unknown };
      return rule.source === "**" && rule.destination === "/index.html";
    });
  const clean = memberOf(object, "cleanUrls")?.value;
  const headers = globHeaders(
    memberOf(object, "headers")?.value && toPlain(memberOf(object, "headers")!.value),
  );
  const config = {
    spa,
    ...(clean?.kind === "boolean" ? { cleanUrls: clean.value } : {}),
    ...(headers.length > 0 ? { headers } : {}),
  };
  const item = makeItem(
    "hosting",
    `${entry.label}.public`,
    at,
    "maps",
    `${files.size} files from ${publicDir} become the project's site${spa ? " (single-page fallback on)" : ""}`,
  );
  return { site: { publicDir, files, config }, items: [item], blockers: [] };
}

/** Firebase's `headers` entries with a glob `source` and `{key, value}` pairs. */
function globHeaders(value: unknown): { source: string; headers: Record<string, string> }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((rule: { source?: unknown; headers?: unknown }) => {
    if (typeof rule?.source !== "string" || !Array.isArray(rule.headers)) return [];
    const pairs = (rule.headers as { key?: unknown; value?: unknown }[]).filter(
      (h): h is { key: string; value: string } =>
        typeof h?.key === "string" && typeof h?.value === "string",
    );
    return [
      { source: rule.source, headers: Object.fromEntries(pairs.map((h) => [h.key, h.value])) },
    ];
  });
}
