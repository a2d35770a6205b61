import { describe, expect, it } from "vitest";
import type { BlobInfo } from "../blob-store.js";
import { fromHeaders, toHeaders } from "./s3-headers.js";
import { checkS3Options } from "./s3-options.js";
import { copySource } from "./s3-staging.js";

const info: BlobInfo = {
  bucket: "p1-app",
  name: "users/u1/a b.png",
  size: 3,
  contentType: "image/png",
  md5Hash: "rL0Y20zC+Fzt72VPzMSk2A==",
  generation: "1733000000000001",
  metageneration: "2",
  timeCreated: "2030-01-01T00:00:00.000Z",
  updated: "2030-01-02T00:00:00.123Z",
  metadata: { ownerId: "U1", Zoë: "✓ 文件" },
  cacheControl: "no-cache",
};
const facts = {
  size: 3,
  etag: "ac3d18db4cc2f85cedef654fccc4a4d8",
  lastModified: new Date("2031-01-01T00:00:00Z"),
};

describe("S3 headers", () => {
  it("round-trip every field through response headers, case and Unicode of custom keys included", () => {
    const headers = toHeaders(info);
    expect(Object.values(headers).every((v) => /^[\x20-\x7e]*$/.test(v))).toBe(true);
    const response = Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]),
    );
    expect(fromHeaders("p1-app", info.name, response, facts)).toEqual(info);
  });

  it("read minio's statObject metadata, which drops the x-amz-meta- prefix", () => {
    const stat = Object.fromEntries(
      Object.entries(toHeaders(info)).map(([k, v]) => [
        k.toLowerCase().replace(/^x-amz-meta-/, ""),
        v,
      ]),
    );
    expect(fromHeaders("p1-app", info.name, stat, facts)).toEqual(info);
  });

  it("describe an object written by another tool from what S3 knows", () => {
    expect(fromHeaders("p1-app", "x", { "content-type": "text/plain" }, facts)).toEqual({
      bucket: "p1-app",
      name: "x",
      size: 3,
      contentType: "text/plain",
      md5Hash: Buffer.from(facts.etag, "hex").toString("base64"),
      generation: String(facts.lastModified.getTime() * 1000),
      metageneration: "1",
      timeCreated: "2031-01-01T00:00:00.000Z",
      updated: "2031-01-01T00:00:00.000Z",
      metadata: {},
    });
    expect(fromHeaders("p1-app", "x", {}, { ...facts, etag: "abc-2" }).md5Hash).toBe("");
  });
});

describe("S3 options", () => {
  const base = { endPoint: "127.0.0.1", accessKey: "k", secretKey: "s", uploadStateDir: "/tmp/x" };

  it("default the region, the staging bucket and the part size", () => {
    expect(checkS3Options({ ...base, bucketPrefix: "winky-" })).toEqual({
      region: "us-east-1",
      bucketPrefix: "winky-",
      stagingBucket: "winky-winky--staging",
      partSize: 8 * 1024 * 1024,
    });
  });

  it("refuse what S3 would refuse later", () => {
    expect(() => checkS3Options({ ...base, partSize: 1024 })).toThrow(/at least 5242880/);
    expect(() => checkS3Options({ ...base, bucketPrefix: "Winky_" })).toThrow(/bucketPrefix/);
    expect(() => checkS3Options({ ...base, maxObjectSize: 6 * 1024 ** 3 })).toThrow(/5 GiB/);
    expect(() => checkS3Options({ ...base, uploadStateDir: "" })).toThrow(/uploadStateDir/);
  });
});

describe("copySource", () => {
  it("encodes each segment of the key, keeping the slashes", () => {
    expect(copySource("b", "a b/#1?x+y%")).toBe("/b/a%20b/%231%3Fx%2By%25");
  });
});
