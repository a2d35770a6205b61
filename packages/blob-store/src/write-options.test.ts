import { describe, expect, it } from "vitest";
import type { BlobInfo } from "./blob-store.js";
import {
  applyPatch,
  assertGeneration,
  checkStartOptions,
  checkWriteOptions,
} from "./write-options.js";

const live: BlobInfo = {
  bucket: "p1-app",
  name: "a.png",
  size: 3,
  contentType: "image/png",
  md5Hash: "x",
  generation: "1733000000000001",
  metageneration: "4",
  timeCreated: "2030-01-01T00:00:00.000Z",
  updated: "2030-01-01T00:00:00.000Z",
  metadata: { a: "1" },
  cacheControl: "no-cache",
};

describe("write options", () => {
  it("applies defaults and keeps only what was given", () => {
    expect(checkWriteOptions("p1-app", "a", {})).toEqual({
      contentType: "application/octet-stream",
      metadata: {},
    });
    expect(
      checkWriteOptions("p1-app", "a", { ifGenerationMatch: "0", cacheControl: "no-store" }),
    ).toEqual({
      contentType: "application/octet-stream",
      metadata: {},
      cacheControl: "no-store",
      ifGenerationMatch: "0",
    });
  });

  it("names the field and the object in every refusal", () => {
    expect(() =>
      checkWriteOptions("p1-app", "a.png", { contentDisposition: 'inline; filename="é"' }),
    ).toThrow(
      /Invalid contentDisposition for object "a.png" in bucket "p1-app": use at most 1024 printable ASCII characters/,
    );
    expect(() => checkStartOptions("p1-app", "a.png", { size: -1 }, 10)).toThrow(/Invalid size/);
    expect(() => checkStartOptions("p1-app", "a.png", { size: 11 }, 10)).toThrow(
      /exceeds the limit of 10 bytes/,
    );
  });
});

describe("generation preconditions", () => {
  it("reads 0 as 'no live object' and compares others as numbers", () => {
    expect(() => assertGeneration("b", "n", "0", null)).not.toThrow();
    expect(() => assertGeneration("b", "n", "0", live)).toThrow(
      /must be absent \(0\), but it is generation 1733000000000001/,
    );
    expect(() => assertGeneration("b", "n", "01733000000000001", live)).not.toThrow();
    expect(() => assertGeneration("b", "n", "5", null)).toThrow(/but the object does not exist/);
  });
});

describe("metadata patches", () => {
  const now = new Date("2030-02-01T00:00:00.000Z");

  it("merges, deletes with null, and bumps the metageneration only", () => {
    const next = applyPatch(
      live,
      { metadata: { a: null, b: "2" }, cacheControl: null, contentType: "image/webp" },
      now,
    );
    expect(next).toEqual({
      ...live,
      contentType: "image/webp",
      metadata: { b: "2" },
      cacheControl: undefined,
      metageneration: "5",
      updated: now.toISOString(),
    });
    expect("cacheControl" in next).toBe(false);
    expect(live.metadata).toEqual({ a: "1" });
  });

  it("checks both preconditions before changing anything", () => {
    expect(() => applyPatch(live, { ifMetagenerationMatch: "3" }, now)).toThrow(
      /metageneration must be 3/,
    );
    expect(() => applyPatch(live, { ifGenerationMatch: "2" }, now)).toThrow(/generation must be 2/);
    expect(
      applyPatch(live, { ifMetagenerationMatch: "4", ifGenerationMatch: live.generation }, now)
        .metageneration,
    ).toBe("5");
  });
});
