import { beforeEach, describe, expect, it } from "vitest";
import type { BlobStore } from "../blob-store.js";
import { hasControlCharacter } from "../names.js";
import {
  type BlobStoreHarness,
  expectCode,
  ManualClock,
  MiB,
  newBucket,
  TTL_MS,
} from "./harness.js";

/** Names every store must refuse: traversal in all its spellings, and malformed paths. */
export const BAD_NAMES: readonly string[] = [
  "",
  "/etc/passwd",
  "../x",
  "a/../../b",
  "a/./b",
  ".",
  "..",
  "a/..",
  "a\\..\\b",
  "..\\x",
  "a//b",
  "a/",
  "a\u0000b",
  "a\nb",
  "a\rb",
  "tab\there",
  "del\u007f",
  "%2e%2e/x",
  "%2E%2E%2Fetc%2Fpasswd",
  "..%2fetc",
  "a/%2e%2e/b",
  "a/.%2e/b",
  "%252e%252e/x",
  "%25252e%25252e%25252fx",
  "%2fetc/passwd",
  "a%5c..%5cb",
  "a/%2e",
  "a%00b",
  "x".repeat(1025),
  "é".repeat(513),
  "\ud800lone",
];

/** Names that look odd but are fine: dots inside segments, stray percent signs. */
export const GOOD_NAMES: readonly string[] = [
  ".hidden",
  "..data",
  "a..b/c",
  "%",
  "50%off",
  "%zz/x",
  "a%2fb",
  "...",
  "a/.b/..c",
];

export function describeNames(harness: BlobStoreHarness): void {
  let store: BlobStore;
  let bucket: string;
  beforeEach(async () => {
    const clock = new ManualClock();
    store = await harness.create({ now: clock.now, uploadTtlMs: TTL_MS, maxObjectSize: MiB });
    bucket = newBucket();
  });

  describe("names", () => {
    it("refuses traversal and malformed names in every operation, naming the object", async () => {
      await store.put(bucket, "kept", Buffer.from("x"));
      for (const name of BAD_NAMES) {
        const error = await expectCode(store.put(bucket, name, Buffer.from("x")), "invalid-name");
        if (name.length < 100 && !hasControlCharacter(name))
          expect(error.message).toContain(JSON.stringify(name));
        expect(error.message).toContain(bucket);
        await expectCode(store.get(bucket, name), "invalid-name");
        await expectCode(store.stat(bucket, name), "invalid-name");
        await expectCode(store.delete(bucket, name), "invalid-name");
        await expectCode(store.updateMetadata(bucket, name, { metadata: {} }), "invalid-name");
        await expectCode(store.startUpload(bucket, name), "invalid-name");
      }
      expect((await store.list(bucket)).items.map((i) => i.name)).toEqual(["kept"]);
    });

    it("accepts names with dots and percent signs that decode to no traversal", async () => {
      for (const name of GOOD_NAMES) {
        await store.put(bucket, name, Buffer.from(name));
        expect((await store.stat(bucket, name))?.name).toBe(name);
      }
      expect((await store.list(bucket)).items).toHaveLength(GOOD_NAMES.length);
    });

    it("refuses bucket names that are not S3-style names", async () => {
      for (const bad of [
        "..",
        "../x",
        "a/b",
        "ab",
        "Upper",
        ".uploads",
        "-x-",
        "a..b",
        "a--b",
        "1.2.3.4",
        "x".repeat(64),
      ]) {
        await expectCode(store.put(bad, "n", Buffer.from("x")), "invalid-name");
        await expectCode(store.list(bad), "invalid-name");
      }
    });
  });
}
