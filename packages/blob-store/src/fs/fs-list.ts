import { readdir } from "node:fs/promises";
import path from "node:path";
import type { BlobInfo } from "../blob-store.js";
import { isMissing, readJsonFile } from "../files.js";
import type { ListEntry, ListRequest } from "../listing.js";
import { compareNames } from "../names.js";
import { decodeSegment, SIDECAR_SUFFIX } from "./fs-layout.js";

interface Node {
  /** The object name, or for a directory the name prefix it holds (ending in `/`). */
  key: string;
  dir: boolean;
  path: string;
}

async function children(dir: string, namePrefix: string): Promise<Node[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((e: unknown) =>
    isMissing(e) ? [] : Promise.reject(e),
  );
  const nodes: Node[] = [];
  for (const entry of entries) {
    // Symlinks are neither: a listing never follows one out of the store.
    if (entry.isDirectory()) {
      nodes.push({
        key: `${namePrefix}${decodeSegment(entry.name)}/`,
        dir: true,
        path: path.join(dir, entry.name),
      });
    } else if (entry.isFile() && entry.name.endsWith(SIDECAR_SUFFIX)) {
      const leaf = decodeSegment(entry.name.slice(0, -SIDECAR_SUFFIX.length));
      nodes.push({ key: namePrefix + leaf, dir: false, path: path.join(dir, entry.name) });
    }
  }
  // A directory sorts as its name plus `/`, which is where all its names fall in byte order,
  // so this depth-first walk yields names in global byte order and can stop after a page.
  return nodes.sort((a, b) => compareNames(a.key, b.key));
}

/** Whether a directory holds any object (interrupted writes can leave empty directories). */
async function holdsObject(dir: string): Promise<boolean> {
  for (const node of await children(dir, "")) {
    if (!node.dir || (await holdsObject(node.path))) return true;
  }
  return false;
}

async function* walk(
  dir: string,
  namePrefix: string,
  request: ListRequest,
): AsyncGenerator<ListEntry> {
  const { prefix, after, delimiter } = request;
  for (const node of await children(dir, namePrefix)) {
    if (!node.key.startsWith(prefix) && !prefix.startsWith(node.key)) continue;
    // Everything under a directory starts with its key: skip it whole when the token is past it.
    if (after !== undefined && compareNames(node.key, after) <= 0 && !after.startsWith(node.key))
      continue;
    if (!node.dir) {
      if (!node.key.startsWith(prefix)) continue;
      const info = (await readJsonFile(node.path).catch(() => null)) as BlobInfo | null;
      if (info !== null) yield { kind: "item", name: node.key, size: info.size };
    } else if (delimiter !== undefined && node.key.length > prefix.length) {
      if (await holdsObject(node.path)) yield { kind: "prefix", name: node.key };
    } else {
      yield* walk(node.path, node.key, request);
    }
  }
}

/** The entries of a listing, in byte order, read lazily from `dir` (the prefix's directory). */
export function listEntries(
  dir: string,
  namePrefix: string,
  request: ListRequest,
): AsyncIterable<ListEntry> {
  return walk(dir, namePrefix, request);
}
