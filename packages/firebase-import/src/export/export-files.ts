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

/** Every object of the bucket, folder by folder; answers how many. */
export async function exportStorage(client: AdminClient, project: string, out: string) {
  const root = path.join(out, LAYOUT.storage);
  let count = 0;
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
      for (const object of page.objects) {
        const read = await client.readObject(project, object.name, MAX_FILE_BYTES);
        if (!read) continue; // deleted meanwhile
        await put(inside(root, object.name), read.bytes);
        count++;
      }
      pageToken = page.nextPageToken;
    } while (pageToken);
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
