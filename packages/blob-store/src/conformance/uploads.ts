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

export function describeUploads(harness: BlobStoreHarness): void {
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

  describe("resumable uploads", () => {
    it("assembles an object from several appends, larger than one S3 part", HEAVY, async () => {
      const size = 13 * MiB + 5;
      const id = await store.startUpload(bucket, "videos/v.mp4", {
        contentType: "video/mp4",
        metadata: { by: "u1" },
      });
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      expect(await store.uploadStatus(id)).toMatchObject({
        uploadId: id,
        bucket,
        name: "videos/v.mp4",
        offset: 0,
      });
      expect(await store.stat(bucket, "videos/v.mp4")).toBeNull();
      for (let at = 0; at < size; at += 3 * MiB) {
        const end = Math.min(size, at + 3 * MiB);
        const status = await store.appendUpload(id, at, patternStream("parts", end, at));
        expect(status.offset).toBe(end);
      }
      const info = await store.finishUpload(id);
      expect(info).toMatchObject({
        bucket,
        name: "videos/v.mp4",
        size,
        contentType: "video/mp4",
        metadata: { by: "u1" },
      });
      expect(info.md5Hash).toBe(await patternMd5("parts", size));
      expect(await store.stat(bucket, "videos/v.mp4")).toEqual(info);
      expect(await digestOf((await store.get(bucket, "videos/v.mp4"))!.body)).toEqual({
        size,
        md5: info.md5Hash,
      });
      await expectCode(store.uploadStatus(id), "not-found");
      await expectCode(store.finishUpload(id), "not-found");
    });

    it("refuses an append at the wrong offset, naming the offset to use", async () => {
      const id = await store.startUpload(bucket, "o.txt");
      await store.appendUpload(id, 0, Buffer.from("0123456789"));
      for (const offset of [0, 5, 11, 20]) {
        const error = await expectCode(
          store.appendUpload(id, offset, Buffer.from("x")),
          "offset-mismatch",
        );
        expect(error.expectedOffset).toBe(10);
        expect(error.message).toContain("10");
        expect(error.message).toContain('"o.txt"');
      }
      await store.appendUpload(id, 10, Buffer.from("abc"));
      const info = await store.finishUpload(id);
      expect(await readAll((await store.get(bucket, "o.txt"))!.body)).toEqual(
        Buffer.from("0123456789abc"),
      );
      expect(info.size).toBe(13);
    });

    it(
      "resumes from the reported offset after the client's stream broke mid-chunk",
      HEAVY,
      async () => {
        const size = 9 * MiB;
        const id = await store.startUpload(bucket, "resume.bin");
        await store.appendUpload(id, 0, patternStream("resume", 2 * MiB));
        await expect(
          store.appendUpload(id, 2 * MiB, patternStream("resume", size, 2 * MiB, 4 * MiB)),
        ).rejects.toThrow("client went away");
        const { offset } = await store.uploadStatus(id);
        expect(offset).toBeGreaterThanOrEqual(2 * MiB);
        expect(offset).toBeLessThanOrEqual(6 * MiB);
        await store.appendUpload(id, offset, patternStream("resume", size, offset));
        const info = await store.finishUpload(id);
        expect(info.size).toBe(size);
        expect(info.md5Hash).toBe(await patternMd5("resume", size));
      },
    );

    it("continues an upload in another instance, as after a restart", HEAVY, async () => {
      const size = 7 * MiB + 1;
      const id = await store.startUpload(bucket, "restart.bin", { metadata: { k: "v" } });
      await store.appendUpload(id, 0, patternStream("restart", 6 * MiB));
      const again = await harness.reopen(store, options);
      expect((await again.uploadStatus(id)).offset).toBe(6 * MiB);
      await again.appendUpload(id, 6 * MiB, patternStream("restart", size, 6 * MiB));
      const info = await again.finishUpload(id);
      expect(info).toMatchObject({
        size,
        md5Hash: await patternMd5("restart", size),
        metadata: { k: "v" },
      });
      const tail = await readAll(
        (await store.get(bucket, "restart.bin", { range: { start: 6 * MiB - 2 } }))!.body,
      );
      // Compared by digest: a deep equality of a MiB of bytes takes seconds.
      expect(md5(tail)).toBe(md5(patternBytes("restart", 6 * MiB - 2, size)));
    });

    it("commits an empty upload as an empty object", async () => {
      const id = await store.startUpload(bucket, "empty");
      const info = await store.finishUpload(id);
      expect(info.size).toBe(0);
      expect(info.md5Hash).toBe(md5(Buffer.alloc(0)));
    });

    it("checks the precondition when finishing, keeping the upload so it can be aborted", async () => {
      const id = await store.startUpload(bucket, "pre", { ifGenerationMatch: "0" });
      await store.appendUpload(id, 0, Buffer.from("mine"));
      await store.put(bucket, "pre", Buffer.from("theirs"));
      await expectCode(store.finishUpload(id), "precondition-failed");
      expect((await store.uploadStatus(id)).offset).toBe(4);
      expect(await readAll((await store.get(bucket, "pre"))!.body)).toEqual(Buffer.from("theirs"));
      expect(await store.abortUpload(id)).toBe(true);
      expect(await store.abortUpload(id)).toBe(false);
      await expectCode(store.uploadStatus(id), "not-found");
      await expectCode(
        store.startUpload(bucket, "pre", { ifGenerationMatch: "0" }),
        "precondition-failed",
      );
    });

    it("aborts an upload that already sent parts", HEAVY, async () => {
      const id = await store.startUpload(bucket, "aborted.bin");
      await store.appendUpload(id, 0, patternStream("abort", 6 * MiB));
      expect(await store.abortUpload(id)).toBe(true);
      await expectCode(store.appendUpload(id, 6 * MiB, Buffer.from("x")), "not-found");
      expect(await store.stat(bucket, "aborted.bin")).toBeNull();
    });

    it("holds a declared size: no byte past it, no finish short of it", async () => {
      const id = await store.startUpload(bucket, "sized", { size: 10 });
      expect((await store.uploadStatus(id)).size).toBe(10);
      await expectCode(store.appendUpload(id, 0, Buffer.alloc(11)), "too-large");
      await store.appendUpload(id, 0, Buffer.alloc(6));
      await expectCode(store.finishUpload(id), "invalid-argument");
      await store.appendUpload(id, 6, Buffer.alloc(4));
      expect((await store.finishUpload(id)).size).toBe(10);
      await expectCode(store.startUpload(bucket, "sized", { size: 65 * MiB }), "too-large");
    });

    it("refuses appends past maxObjectSize", async () => {
      const small = await harness.create({ ...options, maxObjectSize: MiB });
      const id = await small.startUpload(bucket, "big");
      await small.appendUpload(id, 0, Buffer.alloc(MiB - 1));
      const error = await expectCode(small.appendUpload(id, MiB - 1, Buffer.alloc(2)), "too-large");
      expect(error.message).toContain('"big"');
      expect((await small.uploadStatus(id)).offset).toBe(MiB - 1);
    });

    it("treats unknown and malformed upload ids as not found", async () => {
      for (const id of ["0".repeat(32), "../../../etc/passwd", "", "A".repeat(32)]) {
        await expectCode(store.uploadStatus(id), "not-found");
        await expectCode(store.appendUpload(id, 0, Buffer.from("x")), "not-found");
        await expectCode(store.finishUpload(id), "not-found");
      }
      expect(await store.abortUpload("f".repeat(32))).toBe(false);
    });

    it("forgets uploads once they expire", async () => {
      const ids = [];
      for (const name of ["e1", "e2", "e3"]) {
        const id = await store.startUpload(bucket, name);
        await store.appendUpload(id, 0, Buffer.from(name));
        ids.push(id);
      }
      clock.time += TTL_MS / 2;
      const fresh = await store.startUpload(bucket, "fresh");
      clock.time += TTL_MS / 2 + 1;
      const error = await expectCode(store.appendUpload(ids[0]!, 2, Buffer.from("x")), "not-found");
      expect(error.message).toContain("expired");
      expect(await store.expireUploads()).toBe(2);
      await expectCode(store.uploadStatus(ids[1]!), "not-found");
      expect((await store.uploadStatus(fresh)).offset).toBe(0);
    });
  });
}
