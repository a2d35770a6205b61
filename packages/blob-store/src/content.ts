import { createHash, type Hash } from "node:crypto";
import { Readable } from "node:stream";
import type { BlobBody } from "./blob-store.js";

/** The body as a sequence of byte chunks, read as they come (a stream is never collected). */
export async function* chunksOf(body: BlobBody): AsyncGenerator<Buffer> {
  if (body instanceof Uint8Array) {
    if (body.length > 0) yield Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    return;
  }
  if (!(body instanceof Readable))
    throw new TypeError("body must be a Readable, a Buffer or a Uint8Array");
  for await (const chunk of body as AsyncIterable<unknown>) {
    if (typeof chunk === "string") yield Buffer.from(chunk, "utf8");
    else if (chunk instanceof Uint8Array) {
      if (chunk.length > 0) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    } else throw new TypeError("body stream must yield bytes or strings");
  }
}

/** Size and MD5 of bytes seen so far. */
export class Digest {
  size = 0;
  private readonly hash: Hash = createHash("md5");

  update(chunk: Buffer): void {
    this.hash.update(chunk);
    this.size += chunk.length;
  }

  /** Base64, as Cloud Storage's `md5Hash`. Ends the digest. */
  md5Base64(): string {
    return this.hash.digest("base64");
  }
}

/** The MD5 (base64) of a whole stream, read through once. */
export async function md5Of(stream: Readable): Promise<string> {
  const digest = new Digest();
  for await (const chunk of chunksOf(stream)) digest.update(chunk);
  return digest.md5Base64();
}

/**
 * Running digests of resumable uploads, kept in memory so that finishing an upload needs no
 * second read of its bytes. Only a cache: when the entry is missing or its offset differs
 * (another process appended, or this one restarted), the store re-reads the bytes.
 */
export class RunningDigests {
  private readonly entries = new Map<string, Digest>();

  /** The digest to extend from `offset`, or a fresh one from 0, or undefined (no caching). */
  at(uploadId: string, offset: number): Digest | undefined {
    const digest = this.entries.get(uploadId);
    if (digest && digest.size === offset) return digest;
    this.entries.delete(uploadId);
    if (offset !== 0) return undefined;
    const fresh = new Digest();
    this.entries.set(uploadId, fresh);
    return fresh;
  }

  /** The digest of exactly `size` bytes, taken out of the cache, if it has one. */
  take(uploadId: string, size: number): Digest | undefined {
    const digest = this.entries.get(uploadId);
    this.entries.delete(uploadId);
    return digest && digest.size === size ? digest : undefined;
  }

  forget(uploadId: string): void {
    this.entries.delete(uploadId);
  }
}
