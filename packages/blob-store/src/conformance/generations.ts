import { Readable } from "node:stream";
import { beforeEach, describe, expect, it } from "vitest";
import type { BlobInfo, BlobStore, WriteOptions } from "../blob-store.js";
import {
  type BlobStoreHarness,
  type BlobStoreTestOptions,
  expectCode,
  ManualClock,
  md5,
  MiB,
  newBucket,
  patternStream,
  readAll,
  HEAVY,
  TTL_MS,
} from "./harness.js";

export function describeGenerations(harness: BlobStoreHarness): void {
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

  describe("generations and preconditions", () => {
    it("gives every new content a greater generation and resets the metageneration", async () => {
      const first = await store.put(bucket, "g", Buffer.from("v1"));
      const patched = await store.updateMetadata(bucket, "g", { metadata: { x: "1" } });
      const second = await store.put(bucket, "g", Buffer.from("v2"));
      expect(BigInt(second.generation)).toBeGreaterThan(BigInt(first.generation));
      expect(patched.metageneration).toBe("2");
      expect(second.metageneration).toBe("1");
      expect(second.metadata).toEqual({});
      expect(await readAll((await store.get(bucket, "g"))!.body)).toEqual(Buffer.from("v2"));
    });

    it("lets the last of concurrent writes to one name win, with the greatest generation", async () => {
      const writes = Array.from({ length: 8 }, (_, i) =>
        store.put(bucket, "race", Buffer.from(`writer ${i} `.repeat(1000 * (i + 1))), {
          metadata: { writer: String(i) },
        }),
      );
      const results: BlobInfo[] = await Promise.all(writes);
      const generations = results.map((r) => BigInt(r.generation));
      expect(new Set(generations).size).toBe(8);
      const winner = results.reduce((a, b) =>
        BigInt(a.generation) > BigInt(b.generation) ? a : b,
      );
      const live = await store.stat(bucket, "race");
      expect(live).toEqual(winner);
      const body = await readAll((await store.get(bucket, "race"))!.body);
      expect(md5(body)).toBe(winner.md5Hash);
    });

    it("writes only while ifGenerationMatch holds, and 0 means absent", async () => {
      const first = await store.put(bucket, "p", Buffer.from("v1"), { ifGenerationMatch: "0" });
      const error = await expectCode(
        store.put(bucket, "p", Buffer.from("v2"), { ifGenerationMatch: "0" }),
        "precondition-failed",
      );
      expect(error.message).toContain('"p"');
      const second = await store.put(bucket, "p", Buffer.from("v2"), {
        ifGenerationMatch: first.generation,
      });
      await expectCode(
        store.put(bucket, "p", Buffer.from("v3"), { ifGenerationMatch: first.generation }),
        "precondition-failed",
      );
      expect((await store.stat(bucket, "p"))?.generation).toBe(second.generation);
      await expectCode(
        store.delete(bucket, "p", { ifGenerationMatch: first.generation }),
        "precondition-failed",
      );
      expect(await store.delete(bucket, "p", { ifGenerationMatch: second.generation })).toBe(true);
      await expectCode(
        store.put(bucket, "p", Buffer.from("v"), { ifGenerationMatch: "12x" }),
        "invalid-argument",
      );
    });
  });

  describe("metadata updates", () => {
    it("merges custom keys, removes null ones, and bumps only the metageneration", async () => {
      const before = await store.put(bucket, "m.png", Buffer.from("png"), {
        contentType: "image/png",
        metadata: { a: "1", b: "2" },
        cacheControl: "no-cache",
      });
      clock.time += 5000;
      const after = await store.updateMetadata(bucket, "m.png", {
        metadata: { b: null, c: "3" },
        cacheControl: null,
        contentDisposition: "inline",
        ifMetagenerationMatch: "1",
      });
      expect(after).toMatchObject({
        generation: before.generation,
        metageneration: "2",
        contentType: "image/png",
      });
      expect(after.metadata).toEqual({ a: "1", c: "3" });
      expect(after.cacheControl).toBeUndefined();
      expect(after.contentDisposition).toBe("inline");
      expect(after.timeCreated).toBe(before.timeCreated);
      expect(Date.parse(after.updated)).toBeGreaterThan(Date.parse(before.updated));
      expect(await store.stat(bucket, "m.png")).toEqual(after);
      expect(md5(await readAll((await store.get(bucket, "m.png"))!.body))).toBe(before.md5Hash);
      expect(
        (await store.updateMetadata(bucket, "m.png", { contentType: null, metadata: null }))
          .contentType,
      ).toBe("application/octet-stream");
      expect((await store.stat(bucket, "m.png"))?.metadata).toEqual({});
    });

    it("refuses a stale metageneration or generation, changing nothing", async () => {
      const info = await store.put(bucket, "m", Buffer.from("x"), { metadata: { a: "1" } });
      await store.updateMetadata(bucket, "m", { metadata: { a: "2" } });
      await expectCode(
        store.updateMetadata(bucket, "m", { metadata: { a: "3" }, ifMetagenerationMatch: "1" }),
        "precondition-failed",
      );
      await expectCode(
        store.updateMetadata(bucket, "m", { metadata: { a: "3" }, ifGenerationMatch: "1" }),
        "precondition-failed",
      );
      expect((await store.stat(bucket, "m"))?.metadata).toEqual({ a: "2" });
      expect((await store.stat(bucket, "m"))?.generation).toBe(info.generation);
    });
  });

  describe("bad input", () => {
    it("refuses header-unsafe fields and oversized or malformed metadata, naming the field", async () => {
      const bad: WriteOptions[] = [
        { contentType: "text/html\r\nX-Evil: 1" },
        { cacheControl: "max-age=1\n" },
        { metadata: { k: 1 as unknown as string } },
        { metadata: { "": "v" } },
        { metadata: { big: "x".repeat(1100) } },
      ];
      for (const options of bad) {
        const error = await expectCode(
          store.put(bucket, "x", Buffer.from("x"), options),
          "invalid-argument",
        );
        expect(error.message).toContain('"x"');
      }
      expect(await store.stat(bucket, "x")).toBeNull();
      await store.put(bucket, "x", Buffer.from("x"));
      await expectCode(
        store.updateMetadata(bucket, "x", { metadata: { big: "x".repeat(1100) } }),
        "invalid-argument",
      );
      expect((await store.stat(bucket, "x"))?.metadata).toEqual({});
    });

    it(
      "stores nothing when the body stream fails, keeping the previous generation",
      HEAVY,
      async () => {
        const first = await store.put(bucket, "f", Buffer.from("v1"));
        await expect(
          store.put(bucket, "f", patternStream("fail", 8 * MiB, 0, 6 * MiB)),
        ).rejects.toThrow("client went away");
        await expect(
          store.put(bucket, "new", patternStream("fail", 2 * MiB, 0, MiB)),
        ).rejects.toThrow("client went away");
        expect(await store.stat(bucket, "f")).toEqual(first);
        expect(await store.stat(bucket, "new")).toBeNull();
        expect((await store.list(bucket)).items.map((i) => i.name)).toEqual(["f"]);
      },
    );

    it("refuses content larger than maxObjectSize, storing nothing", HEAVY, async () => {
      const small = await harness.create({ ...options, maxObjectSize: MiB });
      const error = await expectCode(
        small.put(bucket, "huge.bin", patternStream("huge", 3 * MiB)),
        "too-large",
      );
      expect(error.message).toContain('"huge.bin"');
      expect(await small.stat(bucket, "huge.bin")).toBeNull();
      expect((await small.put(bucket, "fits.bin", Readable.from([Buffer.alloc(MiB)]))).size).toBe(
        MiB,
      );
    });
  });
}
