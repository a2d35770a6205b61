import { beforeEach, describe, expect, it } from "vitest";
import type { BlobStore, ListOptions } from "../blob-store.js";
import { compareNames } from "../names.js";
import {
  type BlobStoreHarness,
  expectCode,
  ManualClock,
  MiB,
  newBucket,
  TTL_MS,
} from "./harness.js";

// Chosen so that JavaScript's default sort, directory-walk order and UTF-8 byte order all
// disagree somewhere: "a" < "a-b" < "a.txt" < "a/…" by bytes, "B" < "a", U+FFFD < U+1F600.
const NAMES = [
  "a",
  "a-b",
  "a.txt",
  "a/b",
  "a/c/d",
  "a/c/e",
  "a/c/f/g",
  "a0",
  "B",
  "b",
  "é",
  "\ufffd",
  "😀",
  "users/u1/avatar.png",
  "users/u1/docs/cv.pdf",
  "users/u2/avatar.png",
];

export function describeListing(harness: BlobStoreHarness): void {
  let store: BlobStore;
  let bucket: string;
  beforeEach(async () => {
    const clock = new ManualClock();
    store = await harness.create({ now: clock.now, uploadTtlMs: TTL_MS, maxObjectSize: MiB });
    bucket = newBucket();
    // Written in reverse so no store can pass by keeping insertion order.
    for (const name of [...NAMES].reverse()) await store.put(bucket, name, Buffer.from(name));
  });

  async function everything(
    options: ListOptions,
  ): Promise<{ items: string[]; prefixes: string[]; pages: number }> {
    const items: string[] = [];
    const prefixes: string[] = [];
    let pages = 0;
    let pageToken: string | undefined;
    do {
      const page = await store.list(bucket, { ...options, ...(pageToken ? { pageToken } : {}) });
      pages++;
      expect(page.items.length + page.prefixes.length).toBeLessThanOrEqual(
        options.pageSize ?? 1000,
      );
      items.push(...page.items.map((i) => i.name));
      prefixes.push(...page.prefixes);
      pageToken = page.nextPageToken;
    } while (pageToken !== undefined && pages < 100);
    return { items, prefixes, pages };
  }

  describe("listing", () => {
    it("lists every name in UTF-8 byte order, with sizes", async () => {
      const page = await store.list(bucket);
      const expected = [...NAMES].sort(compareNames);
      expect(page.items.map((i) => i.name)).toEqual(expected);
      expect(page.items.map((i) => i.size)).toEqual(expected.map((n) => Buffer.byteLength(n)));
      expect(page.prefixes).toEqual([]);
      expect(page.nextPageToken).toBeUndefined();
    });

    it("lists the names under a prefix, which may end mid-segment", async () => {
      expect((await store.list(bucket, { prefix: "a/" })).items.map((i) => i.name)).toEqual([
        "a/b",
        "a/c/d",
        "a/c/e",
        "a/c/f/g",
      ]);
      expect((await store.list(bucket, { prefix: "users/u" })).items.map((i) => i.name)).toEqual([
        "users/u1/avatar.png",
        "users/u1/docs/cv.pdf",
        "users/u2/avatar.png",
      ]);
      expect((await store.list(bucket, { prefix: "a/c/f/g" })).items.map((i) => i.name)).toEqual([
        "a/c/f/g",
      ]);
    });

    it("rolls deeper names up into prefixes with the / delimiter", async () => {
      const top = await store.list(bucket, { delimiter: "/" });
      expect(top.items.map((i) => i.name)).toEqual([
        "B",
        "a",
        "a-b",
        "a.txt",
        "a0",
        "b",
        "é",
        "\ufffd",
        "😀",
      ]);
      expect(top.prefixes).toEqual(["a/", "users/"]);
      const inA = await store.list(bucket, { prefix: "a/", delimiter: "/" });
      expect(inA).toEqual({ items: [{ name: "a/b", size: 3 }], prefixes: ["a/c/"] });
      const partial = await store.list(bucket, { prefix: "users/u", delimiter: "/" });
      expect(partial).toEqual({ items: [], prefixes: ["users/u1/", "users/u2/"] });
    });

    it("pages through names and prefixes without losing or repeating any", async () => {
      for (const pageSize of [1, 2, 3, 7]) {
        const flat = await everything({ pageSize });
        expect(flat.items).toEqual([...NAMES].sort(compareNames));
        expect(flat.pages).toBe(Math.ceil(NAMES.length / pageSize));
        const rolled = await everything({ pageSize, delimiter: "/" });
        expect(rolled.items).toEqual(["B", "a", "a-b", "a.txt", "a0", "b", "é", "\ufffd", "😀"]);
        expect(rolled.prefixes).toEqual(["a/", "users/"]);
        const under = await everything({ pageSize, prefix: "a/c/" });
        expect(under.items).toEqual(["a/c/d", "a/c/e", "a/c/f/g"]);
      }
    });

    it("answers an empty page for an unknown bucket or prefix", async () => {
      expect(await store.list(newBucket(), { delimiter: "/" })).toEqual({
        items: [],
        prefixes: [],
      });
      expect(await store.list(bucket, { prefix: "nothing/here/" })).toEqual({
        items: [],
        prefixes: [],
      });
    });

    it("leaves no empty prefix behind when the last object under it is deleted", async () => {
      for (const name of ["users/u1/avatar.png", "users/u1/docs/cv.pdf"])
        await store.delete(bucket, name);
      expect((await store.list(bucket, { prefix: "users/", delimiter: "/" })).prefixes).toEqual([
        "users/u2/",
      ]);
    });

    it("refuses bad list options, naming the problem", async () => {
      await expectCode(store.list(bucket, { pageSize: 0 }), "invalid-argument");
      await expectCode(store.list(bucket, { pageSize: 1001 }), "invalid-argument");
      await expectCode(store.list(bucket, { pageSize: 1.5 }), "invalid-argument");
      await expectCode(store.list(bucket, { delimiter: "-" as "/" }), "invalid-argument");
      await expectCode(store.list(bucket, { pageToken: "not-a-token" }), "invalid-argument");
      for (const prefix of ["../", "a/../", "/etc/", "%2e%2e/", "a\\b", "a\nb"]) {
        await expectCode(store.list(bucket, { prefix }), "invalid-argument");
      }
      await expectCode(store.list("../etc", {}), "invalid-name");
    });
  });
}
