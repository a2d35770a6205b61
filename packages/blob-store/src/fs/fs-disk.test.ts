import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BAD_NAMES } from "../conformance/names.js";
import { isBlobStoreError } from "../errors.js";
import { FsBlobStore } from "./fs-blob-store.js";

const bucket = "p1-app";
let parent: string;
let root: string;
let outside: string;
let objects: string;

beforeEach(async () => {
  parent = await mkdtemp(path.join(tmpdir(), "winky-fs-"));
  root = path.join(parent, "data");
  outside = path.join(parent, "outside");
  objects = path.join(root, bucket, "objects");
  await mkdir(outside);
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "no error",
    (e: unknown) => (isBlobStoreError(e) ? e.code : String(e)),
  );
}

describe("FsBlobStore on disk", () => {
  it("keeps an object as a metadata sidecar and a content file named by its generation", async () => {
    const store = new FsBlobStore(root);
    const info = await store.put(bucket, "users/u1/avatar.png", Buffer.from("png"), {
      contentType: "image/png",
    });
    expect(await filesUnder(objects)).toEqual(
      [`users/u1/avatar.png%g${info.generation}`, "users/u1/avatar.png%meta.json"].sort(),
    );
    expect(
      JSON.parse(await readFile(path.join(objects, "users/u1/avatar.png%meta.json"), "utf8")),
    ).toEqual(info);
    expect(
      await readFile(path.join(objects, `users/u1/avatar.png%g${info.generation}`), "utf8"),
    ).toBe("png");
    const second = await store.put(bucket, "users/u1/avatar.png", Buffer.from("png2"));
    expect(await filesUnder(objects)).toContain(`users/u1/avatar.png%g${second.generation}`);
    expect(await filesUnder(objects)).not.toContain(`users/u1/avatar.png%g${info.generation}`);
  });

  it("keeps names that look like its own suffixes apart from the objects they resemble", async () => {
    const store = new FsBlobStore(root);
    const names = ["a", "a/b", "a%meta.json", "a%g1", "a%25"];
    for (const name of names) await store.put(bucket, name, Buffer.from(name));
    for (const name of names) {
      const read = await store.get(bucket, name);
      expect(read?.info.name).toBe(name);
      read?.body.destroy();
    }
    expect((await store.list(bucket)).items.map((i) => i.name)).toEqual([
      "a",
      "a%25",
      "a%g1",
      "a%meta.json",
      "a/b",
    ]);
  });

  it("writes no file anywhere for a refused name", async () => {
    const store = new FsBlobStore(root);
    for (const name of BAD_NAMES)
      expect(await codeOf(store.put(bucket, name, Buffer.from("x")))).toBe("invalid-name");
    expect(await filesUnder(parent)).toEqual([]);
  });

  it("refuses a segment too long for a file name, naming its limit", async () => {
    const store = new FsBlobStore(root);
    const error = await store
      .put(bucket, `dir/${"x".repeat(221)}`, Buffer.from("x"))
      .catch((e: unknown) => e);
    expect(isBlobStoreError(error) && error.code).toBe("invalid-name");
    expect((error as Error).message).toContain("220 bytes");
  });

  it("does not follow a symlink placed under its root to somewhere outside", async () => {
    const store = new FsBlobStore(root);
    await store.put(bucket, "real/file.txt", Buffer.from("x"));
    await symlink(outside, path.join(objects, "evil"));
    await writeFile(
      path.join(outside, "secret%meta.json"),
      JSON.stringify({ name: "evil/secret", size: 6 }),
    );
    await symlink(path.join(outside, "secret%meta.json"), path.join(objects, "link%meta.json"));
    expect(await codeOf(store.put(bucket, "evil/planted.txt", Buffer.from("x")))).toBe(
      "invalid-name",
    );
    expect(await codeOf(store.get(bucket, "evil/secret"))).toBe("invalid-name");
    expect(await codeOf(store.stat(bucket, "link"))).toBe("invalid-name");
    expect(await codeOf(store.delete(bucket, "evil/secret"))).toBe("invalid-name");
    expect(await codeOf(store.list(bucket, { prefix: "evil/" }))).toBe("invalid-name");
    expect(await store.list(bucket, { delimiter: "/" })).toEqual({
      items: [],
      prefixes: ["real/"],
    });
    expect(await readdir(outside)).toEqual(["secret%meta.json"]);
  });

  it("works under a root reached through a symlink", async () => {
    await mkdir(root);
    const alias = path.join(parent, "alias");
    await symlink(root, alias);
    const store = new FsBlobStore(alias);
    await store.put(bucket, "a/b", Buffer.from("x"));
    expect((await store.stat(bucket, "a/b"))?.size).toBe(1);
  });

  it("shows nothing of a write that died midway, and sweeps its leftovers once stale", async () => {
    let now = Date.now();
    const store = new FsBlobStore(root, { now: () => now, uploadTtlMs: 60_000 });
    const first = await store.put(bucket, "a", Buffer.from("v1"));
    // What a crash can leave: content renamed but no sidecar yet, a half-written sidecar
    // temp file, a put's temp file, and an empty directory.
    await writeFile(path.join(objects, "a%g99999999999999999"), "v2");
    await writeFile(path.join(objects, "a%meta.json.tmp-0123456789ab"), "{ half");
    await mkdir(path.join(root, ".tmp"), { recursive: true });
    await writeFile(path.join(root, ".tmp", "put.tmp-0123456789ab"), "partial");
    await mkdir(path.join(objects, "empty", "dir"), { recursive: true });
    expect(await store.stat(bucket, "a")).toEqual(first);
    expect(await store.list(bucket, { delimiter: "/" })).toEqual({
      items: [{ name: "a", size: 2 }],
      prefixes: [],
    });
    expect(await store.expireUploads()).toBe(0);
    now += 120_000;
    expect(await store.expireUploads()).toBe(1);
    expect(await readdir(path.join(root, ".tmp"))).toEqual([]);
  });
});
