import { mkdir, open, readdir, rm, stat, unlink } from "node:fs/promises";
import path from "node:path";
import type { BlobBody, BlobInfo, UploadStatus } from "../blob-store.js";
import { chunksOf, RunningDigests } from "../content.js";
import { BlobStoreError, describeObject, quote } from "../errors.js";
import { isMissing, readJsonFile, writeAll, writeFileAtomic } from "../files.js";
import { KeyedMutex } from "../keyed-mutex.js";
import { assertUploadId, isUploadId, newUploadId } from "../upload-ids.js";
import {
  type FinishContext,
  type SessionRecord,
  type SessionsConfig,
  toStatus,
  unknownUpload,
  uploadTooLarge,
} from "./session-record.js";

export type { FinishContext, SessionRecord, SessionsConfig } from "./session-record.js";

/**
 * Resumable uploads on local disk, shared by both stores: a session file (written atomically,
 * so a crash leaves the previous one) and a tail file the appends go to. The offset is what
 * the files hold, not a counter, so it stays true after a crash or a client that went away.
 * One process appends to a session at a time (a lock per upload id).
 */
export class UploadSessions<S> {
  private readonly lock = new KeyedMutex();
  private readonly digests = new RunningDigests();

  constructor(private readonly config: SessionsConfig<S>) {}

  async create(
    bucket: string,
    name: string,
    options: SessionRecord<S>["options"],
    state: S,
  ): Promise<string> {
    const uploadId = newUploadId();
    const now = this.config.now();
    const record: SessionRecord<S> = {
      uploadId,
      bucket,
      name,
      options,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.config.ttlMs).toISOString(),
      flushed: 0,
      tail: "tail-0",
      state,
    };
    await mkdir(this.sessionDir(uploadId), { recursive: true });
    await (await open(this.tailPath(record), "w")).close();
    await writeFileAtomic(this.recordPath(uploadId), JSON.stringify(record));
    return uploadId;
  }

  async status(uploadId: string): Promise<UploadStatus> {
    return this.lock.run(assertUploadId(uploadId), async () => {
      const { record, offset } = await this.load(uploadId);
      return toStatus(record, offset);
    });
  }

  /** @throws {BlobStoreError} `not-found`, `offset-mismatch`, `too-large`. */
  async append(uploadId: string, offset: number, body: BlobBody): Promise<UploadStatus> {
    return this.lock.run(assertUploadId(uploadId), async () => {
      let { record, offset: current } = await this.load(uploadId);
      if (offset !== current) {
        throw new BlobStoreError(
          "offset-mismatch",
          `Upload ${quote(uploadId)} of ${describeObject(record.bucket, record.name)} has ${current} bytes; append at offset ${current}, not ${String(offset)}.`,
          { bucket: record.bucket, name: record.name, uploadId, expectedOffset: current },
        );
      }
      const limit = Math.min(record.options.size ?? Infinity, this.config.maxObjectSize);
      const digest = this.digests.at(uploadId, current);
      let tailSize = current - record.flushed;
      let handle = await open(this.tailPath(record), "r+");
      try {
        for await (let chunk of chunksOf(body)) {
          if (current + chunk.length > limit) throw uploadTooLarge(record, limit);
          while (chunk.length > 0) {
            const room = this.config.flushAt - tailSize;
            const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
            await writeAll(handle, piece, tailSize);
            digest?.update(piece);
            tailSize += piece.length;
            current += piece.length;
            chunk = chunk.subarray(piece.length);
            if (tailSize >= this.config.flushAt) {
              await handle.close();
              record = await this.flush(record, tailSize);
              tailSize = 0;
              handle = await open(this.tailPath(record), "r+");
            }
          }
        }
      } catch (e) {
        // What was written stays (the offset is read from the files); the cached digest may
        // be ahead of a short write, so drop it rather than trust it.
        if (!(e instanceof BlobStoreError)) this.digests.forget(uploadId);
        throw e;
      } finally {
        await handle.close();
      }
      return toStatus(record, current);
    });
  }

  /** Runs the store's commit with the upload locked, then deletes the session. */
  async finish(
    uploadId: string,
    commit: (context: FinishContext<S>) => Promise<BlobInfo>,
  ): Promise<BlobInfo> {
    return this.lock.run(assertUploadId(uploadId), async () => {
      const { record, offset } = await this.load(uploadId);
      const declared = record.options.size;
      if (declared !== undefined && offset !== declared) {
        throw new BlobStoreError(
          "invalid-argument",
          `Upload ${quote(uploadId)} of ${describeObject(record.bucket, record.name)} has ${offset} of its declared ${declared} bytes.`,
          { bucket: record.bucket, name: record.name, uploadId },
        );
      }
      const digest = this.digests.take(uploadId, offset);
      const info = await commit({
        record,
        tailPath: this.tailPath(record),
        tailSize: offset - record.flushed,
        digest,
      });
      await rm(this.sessionDir(uploadId), { recursive: true, force: true });
      return info;
    });
  }

  async abort(uploadId: string): Promise<boolean> {
    if (!isUploadId(uploadId)) return false;
    return this.lock.run(uploadId, async () => {
      const record = await this.readRecord(uploadId);
      if (record === null) return false;
      await this.drop(record);
      return true;
    });
  }

  /** Drops expired sessions, and directories without a readable session older than the TTL. */
  async expire(): Promise<number> {
    let dropped = 0;
    const ids = await readdir(this.config.dir).catch((e: unknown) =>
      isMissing(e) ? [] : Promise.reject(e),
    );
    for (const id of ids) {
      if (!isUploadId(id)) continue;
      dropped += await this.lock.run(id, async () => {
        const record = await this.readRecord(id).catch(() => null);
        if (record !== null) {
          if (Date.parse(record.expiresAt) > this.config.now()) return 0;
          await this.drop(record);
          return 1;
        }
        const info = await stat(this.sessionDir(id)).catch(() => null);
        if (!info || info.mtimeMs + this.config.ttlMs > this.config.now()) return 0;
        await rm(this.sessionDir(id), { recursive: true, force: true });
        return 1;
      });
    }
    return dropped;
  }

  private async load(uploadId: string): Promise<{ record: SessionRecord<S>; offset: number }> {
    const record = await this.readRecord(uploadId);
    if (record === null) throw unknownUpload(uploadId, "");
    if (Date.parse(record.expiresAt) <= this.config.now()) {
      await this.drop(record);
      throw unknownUpload(uploadId, ` (it expired at ${record.expiresAt})`);
    }
    const tail = await stat(this.tailPath(record)).catch((e: unknown) =>
      isMissing(e) ? null : Promise.reject(e),
    );
    return { record, offset: record.flushed + (tail?.size ?? 0) };
  }

  private async flush(record: SessionRecord<S>, size: number): Promise<SessionRecord<S>> {
    if (!this.config.flush) throw new Error("flushAt is set but no flush step is");
    const oldTail = this.tailPath(record);
    const state = await this.config.flush(record, oldTail, size);
    const next: SessionRecord<S> = {
      ...record,
      state,
      flushed: record.flushed + size,
      tail: `tail-${record.flushed + size}`,
    };
    await (await open(this.tailPath(next), "w")).close();
    // The commit point: before it the old tail counts (and a retry re-sends the same part).
    await writeFileAtomic(this.recordPath(record.uploadId), JSON.stringify(next));
    await unlink(oldTail).catch(() => undefined);
    return next;
  }

  private async drop(record: SessionRecord<S>): Promise<void> {
    this.digests.forget(record.uploadId);
    await this.config.discard?.(record);
    await rm(this.sessionDir(record.uploadId), { recursive: true, force: true });
  }

  private async readRecord(uploadId: string): Promise<SessionRecord<S> | null> {
    return (await readJsonFile(this.recordPath(uploadId))) as SessionRecord<S> | null;
  }

  private sessionDir(uploadId: string): string {
    return path.join(this.config.dir, uploadId);
  }

  private recordPath(uploadId: string): string {
    return path.join(this.sessionDir(uploadId), "session.json");
  }

  tailPath(record: SessionRecord<S>): string {
    return path.join(this.sessionDir(record.uploadId), record.tail);
  }
}
