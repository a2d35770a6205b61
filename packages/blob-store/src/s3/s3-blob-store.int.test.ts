import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { Client } from "minio";
import { type BlobStore, isBlobStoreError } from "@winky/blob-store";
import { S3BlobStore, type S3BlobStoreOptions } from "@winky/blob-store/s3";
import { describeBlobStore } from "@winky/blob-store/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningS3rver, startS3rver } from "../../test/s3rver-harness.js";
import { md5 } from "../conformance/harness.js";

let server: RunningS3rver;
const stateDirs: string[] = [];
const configs = new WeakMap<BlobStore, S3BlobStoreOptions>();
let stores = 0;

beforeAll(async () => {
  server = await startS3rver();
});
afterAll(async () => {
  await server.close();
  await Promise.all(stateDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function open(config: S3BlobStoreOptions): S3BlobStore {
  const store = new S3BlobStore(config);
  configs.set(store, config);
  return store;
}

describeBlobStore("S3BlobStore on s3rver", {
  async create(options) {
    const uploadStateDir = await mkdtemp(path.join(tmpdir(), "winky-s3-uploads-"));
    stateDirs.push(uploadStateDir);
    return open({
      endPoint: "127.0.0.1",
      port: server.port,
      useSSL: false,
      accessKey: server.accessKey,
      secretKey: server.secretKey,
      // A prefix per store: isolation without wiping the server between tests.
      bucketPrefix: `t${++stores}-`,
      uploadStateDir,
      partSize: 5 * 1024 * 1024,
      ...options,
    });
  },
  reopen: (store, options) => open({ ...configs.get(store)!, ...options }),
});

describe("S3BlobStore's mapping onto S3", () => {
  const bucket = "p1-app";
  let store: S3BlobStore;
  let raw: Client;
  let prefix: string;
  beforeEach(async () => {
    prefix = `m${++stores}-`;
    const uploadStateDir = await mkdtemp(path.join(tmpdir(), "winky-s3-uploads-"));
    stateDirs.push(uploadStateDir);
    const connection = {
      endPoint: "127.0.0.1",
      port: server.port,
      useSSL: false,
      accessKey: server.accessKey,
      secretKey: server.secretKey,
    };
    store = new S3BlobStore({
      ...connection,
      bucketPrefix: prefix,
      uploadStateDir,
      partSize: 5 * 1024 * 1024,
    });
    raw = new Client(connection);
  });

  it("keeps each bucket in its own S3 bucket, metadata in headers and custom keys intact", async () => {
    expect(await raw.bucketExists(prefix + bucket)).toBe(false);
    const info = await store.put(bucket, "users/u1/a.png", Buffer.from("png"), {
      contentType: "image/png",
      metadata: { ownerId: "U1", Zoë: "✓" },
    });
    expect(await raw.bucketExists(prefix + bucket)).toBe(true);
    const stat = await raw.statObject(prefix + bucket, "users/u1/a.png");
    expect(stat.metaData).toMatchObject({
      "content-type": "image/png",
      "winky-generation": info.generation,
      "winky-metageneration": "1",
      "winky-md5": info.md5Hash,
    });
    const custom = String(stat.metaData["winky-custom"]);
    expect(JSON.parse(Buffer.from(custom, "base64url").toString("utf8"))).toEqual({
      ownerId: "U1",
      Zoë: "✓",
    });
  });

  it("describes objects that other tools wrote into the bucket", async () => {
    await store.put(bucket, "ours", Buffer.from("x"));
    await raw.putObject(prefix + bucket, "theirs.txt", Buffer.from("hello"), 5, {
      "Content-Type": "text/plain",
    });
    const info = await store.stat(bucket, "theirs.txt");
    expect(info).toMatchObject({
      size: 5,
      contentType: "text/plain",
      md5Hash: md5(Buffer.from("hello")),
      metadata: {},
    });
    expect(info?.generation).toMatch(/^\d+$/);
    expect((await store.list(bucket)).items.map((i) => i.name)).toEqual(["ours", "theirs.txt"]);
  });

  it("leaves the staging bucket empty after large writes and uploads", async () => {
    await store.put(
      bucket,
      "big",
      Readable.from([Buffer.alloc(6 * 1024 * 1024, 1), Buffer.alloc(6 * 1024 * 1024, 2)]),
    );
    const id = await store.startUpload(bucket, "resumed");
    await store.appendUpload(id, 0, Buffer.alloc(7 * 1024 * 1024, 3));
    expect((await store.finishUpload(id)).size).toBe(7 * 1024 * 1024);
    const staged = await raw.listObjectsV2Query(`${prefix}winky--staging`, "", "", "", 1000, "");
    expect(staged.objects).toEqual([]);
    expect((await store.stat(bucket, "big"))?.size).toBe(12 * 1024 * 1024);
  }, 180_000);

  it("refuses a bucket that its prefix would make longer than S3 allows", async () => {
    const error = await store.put("x".repeat(63), "n", Buffer.from("x")).catch((e: unknown) => e);
    expect(isBlobStoreError(error) && error.code).toBe("invalid-name");
    expect((error as Error).message).toContain("63 characters");
  });
});
