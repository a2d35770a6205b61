import type { Readable } from "node:stream";
import {
  isBlobStoreError,
  type BlobInfo,
  type BlobRead,
  type BlobStore,
  type ListPage,
  type MetadataPatch,
  type UploadStatus,
} from "@winky/blob-store";
import type pg from "pg";
import type { Caller } from "../documents/document-service.js";
import { invalidArgument, notFound } from "../errors/runtime-error.js";
import { bucketOf } from "./object-names.js";
import { appendStorageEvent } from "./storage-events.js";
import type { StorageRules } from "./storage-rules.js";
import {
  checkDeclaredSize,
  patchedResource,
  writeOptions,
  type UploadInput,
} from "./object-input.js";
import { limitBody, objectTooLarge } from "./upload-body.js";
import { rangeNotSatisfiable, type RangeRequest } from "./wire.js";

export interface StorageLimits {
  /** The largest object this runtime stores, in bytes. */
  maxObjectSize: number;
  /** Milliseconds since the epoch; tests pass a manual clock. */
  now: () => number;
}

/** A resumable chunk's answer: more is expected, or the object was committed. */
export type ChunkResult = { done: false; status: UploadStatus } | { done: true; info: BlobInfo };

/**
 * A project's default bucket: every request is decided by the storage rules (admins and
 * signed URLs skip them, with `bypassRules`), sizes are bounded while bodies stream, and every
 * committed change appends `storage.object.finalized` / `storage.object.deleted` to the log.
 */
export class StorageService {
  constructor(
    private readonly blobs: BlobStore,
    private readonly rules: StorageRules,
    private readonly pool: pg.Pool,
    readonly limits: StorageLimits,
  ) {}

  /** @throws RuntimeError permission-denied, resource-exhausted, invalid-argument. */
  async upload(
    projectId: string,
    caller: Caller,
    name: string,
    body: Readable,
    input: UploadInput,
  ): Promise<BlobInfo> {
    const existing = await this.checkWrite(projectId, caller, name, input);
    const info = await this.blobs.put(
      bucketOf(projectId),
      name,
      limitBody(body, this.limits.maxObjectSize),
      {
        ...writeOptions(input),
        // The rules judged a create or an update of what they saw: keep it that way.
        ...(caller.bypassRules ? {} : { ifGenerationMatch: existing?.generation ?? "0" }),
      },
    );
    await this.event(projectId, "storage.object.finalized", info);
    return info;
  }

  /**
   * The object's content, or the part `range` names (cut at its last byte).
   * @throws RuntimeError permission-denied, not-found when allowed and absent, or
   *   {@link rangeNotSatisfiable} when allowed and no byte is in the range.
   */
  async download(
    projectId: string,
    caller: Caller,
    name: string,
    range?: RangeRequest,
  ): Promise<BlobRead> {
    const bucket = bucketOf(projectId);
    let byteRange: { start: number; end?: number } | undefined;
    if (range && "suffix" in range) {
      // `bytes=-0` asks for no byte at all: unsatisfiable whatever the size (RFC 9110 §14.1.1).
      if (range.suffix === 0) return this.refuseRange(projectId, caller, name);
      const size = (await this.blobs.stat(bucket, name))?.size ?? 0;
      // An empty object has no last n bytes to cut, but is all of them: served whole (200).
      if (size > 0) byteRange = { start: Math.max(0, size - range.suffix) };
    } else byteRange = range;
    let read: BlobRead | null;
    try {
      read = await this.blobs.get(bucket, name, byteRange ? { range: byteRange } : {});
    } catch (e) {
      if (isBlobStoreError(e) && e.code === "invalid-range") {
        return this.refuseRange(projectId, caller, name);
      }
      throw e;
    }
    try {
      await this.rules.authorize(projectId, caller, { method: "get", name, existing: read?.info });
    } catch (e) {
      read?.body.destroy();
      throw e;
    }
    if (!read) throw notFound(`no object ${JSON.stringify(name)}`);
    return read;
  }

  /** The rules decide first: the size in a 416 is as much the object's as its bytes are. */
  private async refuseRange(projectId: string, caller: Caller, name: string): Promise<never> {
    const info = await this.stat(projectId, caller, name);
    throw rangeNotSatisfiable(name, info.size);
  }

  /** @throws RuntimeError permission-denied, or not-found when allowed and absent. */
  async stat(projectId: string, caller: Caller, name: string): Promise<BlobInfo> {
    const info = await this.blobs.stat(bucketOf(projectId), name);
    await this.rules.authorize(projectId, caller, { method: "get", name, existing: info });
    if (!info) throw notFound(`no object ${JSON.stringify(name)}`);
    return info;
  }

  /** Rules see the listed "directory": the prefix up to its last `/`. */
  async list(
    projectId: string,
    caller: Caller,
    options: { prefix: string; delimiter?: "/"; pageSize?: number; pageToken?: string },
  ): Promise<ListPage> {
    await this.rules.authorize(projectId, caller, { method: "list", name: options.prefix });
    return this.blobs.list(bucketOf(projectId), options);
  }

  /** @throws RuntimeError permission-denied, not-found, invalid-argument. */
  async updateMetadata(
    projectId: string,
    caller: Caller,
    name: string,
    patch: MetadataPatch,
  ): Promise<BlobInfo> {
    const existing = await this.blobs.stat(bucketOf(projectId), name);
    if (!existing) {
      await this.rules.authorize(projectId, caller, { method: "update", name, existing });
      throw notFound(`no object ${JSON.stringify(name)}`);
    }
    const after = patchedResource(existing, patch);
    await this.rules.authorize(projectId, caller, {
      method: "update",
      name,
      existing,
      upload: after,
    });
    return this.blobs.updateMetadata(bucketOf(projectId), name, {
      ...patch,
      ...(caller.bypassRules ? {} : { ifMetagenerationMatch: existing.metageneration }),
    });
  }

  /** Answers what was deleted. @throws RuntimeError permission-denied, not-found. */
  async delete(projectId: string, caller: Caller, name: string): Promise<BlobInfo> {
    const existing = await this.blobs.stat(bucketOf(projectId), name);
    await this.rules.authorize(projectId, caller, { method: "delete", name, existing });
    const removed =
      existing !== null &&
      (await this.blobs.delete(bucketOf(projectId), name, {
        ifGenerationMatch: existing.generation,
      }));
    if (!existing || !removed) throw notFound(`no object ${JSON.stringify(name)}`);
    await this.event(projectId, "storage.object.deleted", existing);
    return existing;
  }

  /** Whether `caller` may delete the object (for signing a DELETE URL). */
  async authorizeDelete(projectId: string, caller: Caller, name: string): Promise<void> {
    const existing = await this.blobs.stat(bucketOf(projectId), name);
    await this.rules.authorize(projectId, caller, { method: "delete", name, existing });
  }

  /**
   * Opens a resumable upload after the rules allowed its declared size and type.
   * @throws RuntimeError permission-denied, resource-exhausted, invalid-argument.
   */
  async startUpload(
    projectId: string,
    caller: Caller,
    name: string,
    input: UploadInput,
  ): Promise<string> {
    const existing = await this.checkWrite(projectId, caller, name, input);
    return this.blobs.startUpload(bucketOf(projectId), name, {
      ...writeOptions(input),
      ...(input.size !== undefined ? { size: input.size } : {}),
      ...(caller.bypassRules ? {} : { ifGenerationMatch: existing?.generation ?? "0" }),
    });
  }

  /** The upload's state; `not-found` for an unknown, expired or another project's upload. */
  async uploadStatus(projectId: string, uploadId: string): Promise<UploadStatus> {
    const status = await this.blobs.uploadStatus(uploadId);
    if (status.bucket !== bucketOf(projectId)) throw notFound(`no upload ${uploadId}`);
    return status;
  }

  /**
   * Appends a chunk at `start` (which must be the current offset) and commits the object once
   * `total` bytes are in.
   * @throws RuntimeError resource-exhausted; BlobStoreError offset-mismatch, not-found.
   */
  async appendChunk(
    projectId: string,
    uploadId: string,
    start: number,
    body: Readable,
    total: number | undefined,
  ): Promise<ChunkResult> {
    await this.uploadStatus(projectId, uploadId);
    if (total !== undefined && total > this.limits.maxObjectSize) {
      body.destroy();
      throw objectTooLarge(this.limits.maxObjectSize, `the declared size ${total}`);
    }
    const status = await this.blobs.appendUpload(
      uploadId,
      start,
      limitBody(body, this.limits.maxObjectSize, start),
    );
    if (total === undefined) return { done: false, status };
    if (status.offset < total) return { done: false, status };
    if (status.offset > total) {
      throw invalidArgument(`Content-Range: the upload has ${status.offset} bytes, not ${total}`);
    }
    const info = await this.blobs.finishUpload(uploadId);
    await this.event(projectId, "storage.object.finalized", info);
    return { done: true, info };
  }

  /** Cancels an upload. @throws RuntimeError not-found. */
  async abortUpload(projectId: string, uploadId: string): Promise<void> {
    await this.uploadStatus(projectId, uploadId);
    await this.blobs.abortUpload(uploadId);
  }

  /** Size limit first (before any body byte is read), then the rules. */
  private async checkWrite(
    projectId: string,
    caller: Caller,
    name: string,
    input: UploadInput,
  ): Promise<BlobInfo | null> {
    checkDeclaredSize(input, caller, this.limits.maxObjectSize);
    const existing = await this.blobs.stat(bucketOf(projectId), name);
    await this.rules.authorize(projectId, caller, {
      method: existing ? "update" : "create",
      name,
      existing,
      upload: { name, size: input.size ?? 0, ...writeOptions(input) },
    });
    return existing;
  }

  private event(
    projectId: string,
    kind: "storage.object.finalized" | "storage.object.deleted",
    info: BlobInfo,
  ): Promise<void> {
    return appendStorageEvent(this.pool, projectId, kind, info, new Date(this.limits.now()));
  }
}
