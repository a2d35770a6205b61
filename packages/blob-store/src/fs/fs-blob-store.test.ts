import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { FsBlobStore } from "@winky/blob-store";
import { describeBlobStore } from "@winky/blob-store/testing";
import { afterAll } from "vitest";

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

describeBlobStore("FsBlobStore", {
  async create(options) {
    const root = await mkdtemp(path.join(tmpdir(), "winky-blobs-"));
    roots.push(root);
    return new FsBlobStore(root, options);
  },
  reopen: (store, options) => new FsBlobStore((store as FsBlobStore).rootDir, options),
});
