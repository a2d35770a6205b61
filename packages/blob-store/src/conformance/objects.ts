import { beforeEach, describe, expect, it } from "vitest";
import type { BlobStore } from "../blob-store.js";
import {
  type BlobStoreHarness,
  type BlobStoreTestOptions,
  digestOf,
  expectCode,
  ManualClock,
  md5,
  MiB,
  newBucket,
  patternBytes,
  patternMd5,
  patternStream,
  readAll,
  HEAVY,
  TTL_MS,
} from "./harness.js";

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

export function describeObjects(harness: BlobStoreHarness): void {
  let clock: ManualClock;
  let options: BlobStoreTestOptions;
  let store: BlobStore;
  let bucket: string;
  beforeEach(async () => {
    clock = new ManualClock();
    options = { now: clock.now, uploadTtlMs: TTL_MS, maxObjectSize: 64 * MiB };
    store = await harness.create(options);
    bucket = newBucket();
  });

  describe("writing and reading", () => {
    it("stores bytes and reads them back with their metadata", async () => {
      const bytes = Buffer.from("hello, world");
      const metadata = { ownerId: "u1", "Mixed-Case Key": "Zoë ✓ 文件" };
      const info = await store.put(bucket, "users/u1/hello.txt", bytes, {
        contentType: "text/plain; charset=utf-8",
        metadata,
        cacheControl: "public, max-age=60",
        contentDisposition: "attachment; filename*=UTF-8''hello.txt",
      });
      expect(info).toMatchObject({
        bucket,
        name: "users/u1/hello.txt",
        size: bytes.length,
        contentType: "text/plain; charset=utf-8",
        md5Hash: md5(bytes),
        metageneration: "1",
        metadata,
        cacheControl: "public, max-age=60",
        contentDisposition: "attachment; filename*=UTF-8''hello.txt",
      });
      expect(info.generation).toMatch(/^\d+$/);
      expect(info.timeCreated).toMatch(ISO);
      expect(info.updated).toBe(info.timeCreated);
      expect(await store.stat(bucket, "users/u1/hello.txt")).toEqual(info);
      const read = await store.get(bucket, "users/u1/hello.txt");
      expect(read?.info).toEqual(info);
      expect(read?.range).toBeUndefined();
      expect(await readAll(read!.body)).toEqual(bytes);
    });

    it("defaults the content type to application/octet-stream and metadata to none", async () => {
      const info = await store.put(bucket, "blob", new Uint8Array([1, 2, 3]));
      expect(info.contentType).toBe("application/octet-stream");
      expect(info.metadata).toEqual({});
      expect(info.cacheControl).toBeUndefined();
      expect(await store.stat(bucket, "blob")).toEqual(info);
    });

    it("stores an empty object", async () => {
      const info = await store.put(bucket, "empty", Buffer.alloc(0));
      expect(info.size).toBe(0);
      expect(info.md5Hash).toBe(md5(Buffer.alloc(0)));
      expect(await readAll((await store.get(bucket, "empty"))!.body)).toEqual(Buffer.alloc(0));
    });

    it("streams a 20 MiB body through without changing a byte", HEAVY, async () => {
      const size = 20 * MiB + 123;
      const info = await store.put(bucket, "big/file.bin", patternStream("big", size), {
        contentType: "video/mp4",
      });
      expect(info.size).toBe(size);
      expect(info.md5Hash).toBe(await patternMd5("big", size));
      expect(info.contentType).toBe("video/mp4");
      const read = await store.get(bucket, "big/file.bin");
      expect(await digestOf(read!.body)).toEqual({ size, md5: info.md5Hash });
      const middle = await store.get(bucket, "big/file.bin", {
        range: { start: 10 * MiB - 7, end: 10 * MiB + 99 },
      });
      expect(await readAll(middle!.body)).toEqual(
        patternBytes("big", 10 * MiB - 7, 10 * MiB + 100),
      );
    });

    it("serves byte ranges, cut at the last byte, and refuses one that starts past it", async () => {
      const bytes = patternBytes("ranges", 0, 100);
      await store.put(bucket, "r", bytes);
      const cases: [{ start: number; end?: number }, { start: number; end: number }][] = [
        [
          { start: 10, end: 19 },
          { start: 10, end: 19 },
        ],
        [{ start: 90 }, { start: 90, end: 99 }],
        [
          { start: 95, end: 500 },
          { start: 95, end: 99 },
        ],
        [
          { start: 0, end: 0 },
          { start: 0, end: 0 },
        ],
      ];
      for (const [range, served] of cases) {
        const read = await store.get(bucket, "r", { range });
        expect(read?.range).toEqual(served);
        expect(read?.info.size).toBe(100);
        expect(await readAll(read!.body)).toEqual(bytes.subarray(served.start, served.end + 1));
      }
      await expectCode(store.get(bucket, "r", { range: { start: 100 } }), "invalid-range");
      await expectCode(store.get(bucket, "r", { range: { start: 5, end: 2 } }), "invalid-argument");
      await store.put(bucket, "empty", Buffer.alloc(0));
      await expectCode(store.get(bucket, "empty", { range: { start: 0 } }), "invalid-range");
    });

    it("keeps buckets apart", async () => {
      const other = newBucket();
      await store.put(bucket, "same/name", Buffer.from("one"));
      await store.put(other, "same/name", Buffer.from("two"));
      expect(await readAll((await store.get(bucket, "same/name"))!.body)).toEqual(
        Buffer.from("one"),
      );
      expect(await readAll((await store.get(other, "same/name"))!.body)).toEqual(
        Buffer.from("two"),
      );
    });

    it("handles names with spaces, reserved URL characters and non-ASCII text", async () => {
      const names = [
        "photos/my photo #1 (copy).jpg",
        "a+b=c&d?e,f;g@h$i",
        "ünïcödé/文件 😀.txt",
        "50%off/100%25.png",
        "a%2fb",
      ];
      for (const name of names) {
        const info = await store.put(bucket, name, Buffer.from(name), { metadata: { name } });
        expect(info.name).toBe(name);
        expect((await store.stat(bucket, name))?.metadata).toEqual({ name });
        expect(await readAll((await store.get(bucket, name))!.body)).toEqual(Buffer.from(name));
        expect(
          (await store.updateMetadata(bucket, name, { metadata: { more: "yes" } })).metadata,
        ).toEqual({ name, more: "yes" });
      }
      const listed = await store.list(bucket);
      expect(listed.items.map((i) => i.name).sort()).toEqual([...names].sort());
      for (const name of names) expect(await store.delete(bucket, name)).toBe(true);
      expect((await store.list(bucket)).items).toEqual([]);
    });

    it("accepts a name of exactly 1024 UTF-8 bytes", async () => {
      const name = [
        "a".repeat(200),
        "b".repeat(200),
        "c".repeat(200),
        "d".repeat(200),
        "é".repeat(110),
      ].join("/");
      expect(Buffer.byteLength(name)).toBe(1024);
      await store.put(bucket, name, Buffer.from("x"));
      expect((await store.stat(bucket, name))?.size).toBe(1);
      await expectCode(store.put(bucket, `${name}z`, Buffer.from("x")), "invalid-name");
    });

    it("reads what another instance over the same storage wrote", async () => {
      const info = await store.put(bucket, "shared", Buffer.from("x"), { metadata: { a: "b" } });
      const again = await harness.reopen(store, options);
      expect(await again.stat(bucket, "shared")).toEqual(info);
    });
  });

  describe("missing objects and deletion", () => {
    it("answers null for a missing object, false when deleting it, and not-found when patching it", async () => {
      expect(await store.stat(bucket, "nope/missing.png")).toBeNull();
      expect(await store.get(bucket, "nope/missing.png")).toBeNull();
      expect(await store.delete(bucket, "nope/missing.png")).toBe(false);
      const error = await expectCode(
        store.updateMetadata(bucket, "nope/missing.png", { metadata: {} }),
        "not-found",
      );
      expect(error.message).toContain('"nope/missing.png"');
      expect(error.message).toContain(bucket);
    });

    it("deletes an object once, so that it no longer reads or lists", async () => {
      await store.put(bucket, "d/e/f.txt", Buffer.from("x"));
      await store.put(bucket, "keep.txt", Buffer.from("y"));
      expect(await store.delete(bucket, "d/e/f.txt")).toBe(true);
      expect(await store.delete(bucket, "d/e/f.txt")).toBe(false);
      expect(await store.stat(bucket, "d/e/f.txt")).toBeNull();
      expect(await store.get(bucket, "d/e/f.txt")).toBeNull();
      expect(await store.list(bucket, { delimiter: "/" })).toEqual({
        items: [{ name: "keep.txt", size: 1 }],
        prefixes: [],
      });
    });
  });
}
