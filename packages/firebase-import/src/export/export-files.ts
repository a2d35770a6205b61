// The parts of an export that are files of their own: storage objects under storage-files/,
// the released site's files under public/, and each function's deployed source with its
// settings under functions-winky/ (Winky's layout: the source is ours, not firebase-functions).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  AdminApiError,
  getFunction,
  readSiteFile,
  type AdminClient,
  type SiteVersion,
} from "@winky/admin-client";
import { LAYOUT } from "./export-layout.js";

/** Objects and site files are read whole; this is only a guard against a runaway file. */
const MAX_FILE_BYTES = 2 * 1024 ** 3;
const PAGE = 1000;

/** One entry of functions-winky/functions.json. */
export interface WinkyFunctionEntry {
  name: string;
  trigger: Record<string, unknown>;
  memoryMb: number;
  timeoutMs: number;
  secrets: string[];
  file: string;
}

const call = (client: AdminClient) => client.request.bind(client);

/** `name` below `root`, refusing a name that would step out of it (stored names never do). */
function inside(root: string, name: string): string {
  const target = path.resolve(root, ...name.split("/"));
  if (!target.startsWith(root + path.sep)) throw new Error(`'${name}' would leave ${root}`);
  return target;
}

async function put(file: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
}

/** Every object name of the bucket, folder by folder. */
export async function listStorage(client: AdminClient, project: string): Promise<string[]> {
  const names: string[] = [];
  const pending = [""];
  for (let prefix = pending.pop(); prefix !== undefined; prefix = pending.pop()) {
    let pageToken: string | undefined;
    do {
      const page = await client.listObjects(project, {
        prefix,
        limit: PAGE,
        ...(pageToken ? { pageToken } : {}),
      });
      pending.push(...page.prefixes);
      names.push(...page.objects.map((o) => o.name));
      pageToken = page.nextPageToken;
    } while (pageToken);
  }
  return names;
}

/**
 * Object names a folder cannot hold side by side: `a` and `a/b` (a file where a folder must
 * be), `A.txt` and `a.txt` (one file on macOS and Windows), `x/` (a folder marker, no file).
 */
export function fileNameClashes(names: readonly string[]): string[] {
  const clashes: string[] = [];
  const exact = new Set(names);
  const folded = new Map<string, string>();
  for (const name of names) {
    if (name.endsWith("/")) clashes.push(`'${name}' names a folder, not a file`);
    const segments = name.split("/");
    for (let i = 1; i < segments.length; i++) {
      const parent = segments.slice(0, i).join("/");
      if (exact.has(parent)) clashes.push(`'${parent}' is a file and a folder of '${name}'`);
    }
    const key = name.toLowerCase();
    const other = folded.get(key);
    if (other !== undefined) clashes.push(`'${other}' and '${name}' differ only in case`);
    else folded.set(key, name);
  }
  return clashes;
}

/** The objects named, at their names below storage-files/; answers how many were written. */
export async function exportStorage(
  client: AdminClient,
  project: string,
  out: string,
  names: readonly string[],
) {
  const root = path.join(out, LAYOUT.storage);
  let count = 0;
  for (const name of names) {
    const read = await client.readObject(project, name, MAX_FILE_BYTES);
    if (!read) continue; // deleted meanwhile
    await put(inside(root, name), read.bytes);
    count++;
  }
  return count;
}

/** The released version's files, at their site paths below public/. */
export async function exportSite(
  client: AdminClient,
  project: string,
  site: SiteVersion,
  out: string,
): Promise<number> {
  const root = path.join(out, LAYOUT.site);
  for (const [sitePath, { hash }] of Object.entries(site.files)) {
    const bytes = await readSiteFile(call(client), project, hash);
    await put(inside(root, sitePath.replace(/^\/+/, "")), bytes);
  }
  return Object.keys(site.files).length;
}

/** Each function's source as `<name>.js` and the list of them as functions.json. */
export async function exportFunctions(
  client: AdminClient,
  project: string,
  out: string,
): Promise<number> {
  const listed = await client.listFunctions(project).catch((e: unknown) => {
    // A runtime without functions has no such route: nothing to export, not a failure.
    if (e instanceof AdminApiError && e.status === 404) return [];
    throw e;
  });
  const names = listed.map((f) => f.name).sort();
  if (names.length === 0) return 0;
  const root = path.join(out, LAYOUT.functions);
  const entries: WinkyFunctionEntry[] = [];
  for (const name of names) {
    const fn = await getFunction(call(client), project, name);
    const file = `${name}.js`;
    await put(inside(root, file), fn.source);
    const { trigger, memoryMb, timeoutMs, secrets } = fn;
    entries.push({ name, trigger, memoryMb, timeoutMs, secrets, file });
  }
  await put(path.join(root, "functions.json"), `${JSON.stringify(entries, null, 2)}\n`);
  return names.length;
}
