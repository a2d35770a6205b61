import { createReadStream } from "node:fs";
import { rm, unlink } from "node:fs/promises";
import type {
  BlobBody,
  BlobInfo,
  BlobRead,
  BlobStore,
  ByteRange,
  ListOptions,
  ListPage,
  MetadataPatch,
  StartUploadOptions,
  UploadStatus,
  WriteOptions,
} from "../blob-store.js";
import { md5Of } from "../content.js";
import { BlobStoreError, describeObject, notFound } from "../errors.js";
import { writeFileAtomic } from "../files.js";
import { GenerationClock } from "../generation.js";
import { KeyedMutex } from "../keyed-mutex.js";
import { checkListOptions, collectPage } from "../listing.js";
import { assertBucketName, assertObjectName } from "../names.js";
import { newGenerationInfo } from "../object-info.js";
import { resolveRange } from "../ranges.js";
import { UploadSessions } from "../uploads/upload-sessions.js";
import {
  applyPatch,
  assertGeneration,
  checkGeneration,
  checkStartOptions,
  checkWriteOptions,
  type CheckedWrite,
} from "../write-options.js";
import { type StoreLimits, storeLimits } from "../store-options.js";
import { FsLayout, type ObjectFiles } from "./fs-layout.js";
import { listEntries } from "./fs-list.js";
import {
  openContent,
  placeContent,
  pruneEmptyDirs,
  readInfo,
  receive,
  sweepStale,
} from "./fs-objects.js";

export type FsBlobStoreOptions = StoreLimits;

/**
 * {@link BlobStore} on the local file system, the default for `winky dev` (under the data
 * dir). Layout and crash behaviour: see {@link FsLayout} and the package README. One process
 * should own a root: the commit lock that orders writes to one name is per process.
 */
export class FsBlobStore implements BlobStore {
  readonly rootDir: string;
  private readonly layout: FsLayout;
  private readonly limits: Required<StoreLimits>;
  private readonly clock: GenerationClock;
  private readonly commits = new KeyedMutex();
  private readonly uploads: UploadSessions<null>;

  constructor(rootDir: string, options: FsBlobStoreOptions = {}) {
    this.layout = new FsLayout(rootDir);
    this.rootDir = this.layout.root;
    this.limits = storeLimits(options);
    this.clock = new GenerationClock(this.limits.now);
    this.uploads = new UploadSessions<null>({
      dir: this.layout.uploadsDir,
      now: this.limits.now,
      ttlMs: this.limits.uploadTtlMs,
      maxObjectSize: this.limits.maxObjectSize,
      flushAt: Infinity,
    });
  }

  async put(
    bucket: string,
    name: string,
    body: BlobBody,
    options?: WriteOptions,
  ): Promise<BlobInfo> {
    const files = this.files(bucket, name);
    const write = checkWriteOptions(bucket, name, options);
    await this.layout.assertInside(files.dir, bucket, name);
    const received = await receive(body, this.layout.tmpDir, this.limits.maxObjectSize, {
      bucket,
      name,
    });
    try {
      return await this.commit(bucket, name, files, write, received);
    } finally {
      await rm(received.path, { force: true });
    }
  }

  async get(
    bucket: string,
    name: string,
    options: { range?: ByteRange } = {},
  ): Promise<BlobRead | null> {
    const files = this.files(bucket, name);
    await this.layout.assertInside(files.sidecar, bucket, name);
    // A concurrent write may replace the content between reading the sidecar and opening the
    // file; read the sidecar again then. An open file stays readable after it is replaced.
    for (let attempt = 0; attempt < 5; attempt++) {
      const info = await readInfo(files, bucket, name);
      if (info === null) return null;
      const range = resolveRange(info, options.range);
      const handle = await openContent(files.content(info.generation));
      if (handle === null) continue;
      const body = handle.createReadStream(range ? { start: range.start, end: range.end } : {});
      return range ? { info, body, range } : { info, body };
    }
    throw new BlobStoreError(
      "unavailable",
      `${describeObject(bucket, name)} kept changing while being read.`,
      {
        bucket,
        name,
      },
    );
  }

  async stat(bucket: string, name: string): Promise<BlobInfo | null> {
    const files = this.files(bucket, name);
    await this.layout.assertInside(files.sidecar, bucket, name);
    return readInfo(files, bucket, name);
  }

  async delete(
    bucket: string,
    name: string,
    options: { ifGenerationMatch?: string } = {},
  ): Promise<boolean> {
    const files = this.files(bucket, name);
    const expected = checkGeneration(bucket, name, "ifGenerationMatch", options.ifGenerationMatch);
    await this.layout.assertInside(files.sidecar, bucket, name);
    return this.commits.run(`${bucket}/${name}`, async () => {
      const live = await readInfo(files, bucket, name);
      if (live === null) return false;
      assertGeneration(bucket, name, expected, live);
      await unlink(files.sidecar); // the commit point: from here the object is gone
      await unlink(files.content(live.generation)).catch(() => undefined);
      await pruneEmptyDirs(files.dir, this.layout.objectsDir(bucket));
      return true;
    });
  }

  async list(bucket: string, options?: ListOptions): Promise<ListPage> {
    assertBucketName(bucket);
    const request = checkListOptions(bucket, options);
    const { dir, namePrefix } = this.layout.prefixDir(bucket, request.prefix);
    await this.layout.assertInside(dir, bucket, request.prefix);
    return collectPage(listEntries(dir, namePrefix, request), request);
  }

  async updateMetadata(bucket: string, name: string, patch: MetadataPatch): Promise<BlobInfo> {
    const files = this.files(bucket, name);
    await this.layout.assertInside(files.sidecar, bucket, name);
    return this.commits.run(`${bucket}/${name}`, async () => {
      const live = await readInfo(files, bucket, name);
      if (live === null) throw notFound(bucket, name);
      const next = applyPatch(live, patch, new Date(this.limits.now()));
      await writeFileAtomic(files.sidecar, JSON.stringify(next));
      return next;
    });
  }

  async startUpload(bucket: string, name: string, options?: StartUploadOptions): Promise<string> {
    const files = this.files(bucket, name);
    const write = checkStartOptions(bucket, name, options, this.limits.maxObjectSize);
    await this.layout.assertInside(files.dir, bucket, name);
    // Fail early on a precondition that already does not hold; finish checks it again.
    assertGeneration(bucket, name, write.ifGenerationMatch, await readInfo(files, bucket, name));
    return this.uploads.create(bucket, name, write, null);
  }

  appendUpload(uploadId: string, offset: number, chunk: BlobBody): Promise<UploadStatus> {
    return this.uploads.append(uploadId, offset, chunk);
  }

  uploadStatus(uploadId: string): Promise<UploadStatus> {
    return this.uploads.status(uploadId);
  }

  finishUpload(uploadId: string): Promise<BlobInfo> {
    return this.uploads.finish(uploadId, async ({ record, tailPath, tailSize, digest }) => {
      const { bucket, name } = record;
      // Without a cached digest (another process appended, or this one restarted) read it back.
      const md5Hash = digest?.md5Base64() ?? (await md5Of(createReadStream(tailPath)));
      return this.commit(bucket, name, this.files(bucket, name), record.options, {
        path: tailPath,
        size: tailSize,
        md5Hash,
      });
    });
  }

  abortUpload(uploadId: string): Promise<boolean> {
    return this.uploads.abort(uploadId);
  }

  async expireUploads(): Promise<number> {
    const dropped = await this.uploads.expire();
    // Content of put() calls cut short by a crash: invisible, but it takes space.
    const swept = await sweepStale(this.layout.tmpDir, this.limits.now() - this.limits.uploadTtlMs);
    return dropped + swept;
  }

  private files(bucket: string, name: string): ObjectFiles {
    assertBucketName(bucket);
    assertObjectName(bucket, name);
    return this.layout.object(bucket, name);
  }

  /** Makes a complete content file the live generation: content first, then the sidecar. */
  private commit(
    bucket: string,
    name: string,
    files: ObjectFiles,
    write: CheckedWrite,
    content: { path: string; size: number; md5Hash: string },
  ): Promise<BlobInfo> {
    return this.commits.run(`${bucket}/${name}`, async () => {
      const live = await readInfo(files, bucket, name);
      assertGeneration(bucket, name, write.ifGenerationMatch, live);
      const generation = this.clock.next(live?.generation);
      const info = newGenerationInfo(
        bucket,
        name,
        write,
        content,
        generation,
        new Date(this.limits.now()),
      );
      await placeContent(content.path, files.content(info.generation), () =>
        this.layout.makeDir(files.dir, bucket, name),
      );
      // The commit point: readers follow the sidecar, so they switch to the new content here.
      await writeFileAtomic(files.sidecar, JSON.stringify(info));
      if (live) await unlink(files.content(live.generation)).catch(() => undefined);
      return info;
    });
  }
}
