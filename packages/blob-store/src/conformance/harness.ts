import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { expect } from "vitest";
import type { BlobStore } from "../blob-store.js";
import { isBlobStoreError, type BlobStoreErrorCode } from "../errors.js";

/** What the suite passes to the factory; stores must honour all three. */
export interface BlobStoreTestOptions {
  /** A manual clock: the suite moves it to expire uploads. */
  now: () => number;
  uploadTtlMs: number;
  maxObjectSize: number;
}

/** How the suite gets stores: fresh ones, and a second one over the same storage. */
export interface BlobStoreHarness {
  /** A store over fresh storage (the suite still uses a new bucket in every test). */
  create(options: BlobStoreTestOptions): BlobStore | Promise<BlobStore>;
  /** Another store over the same storage as `store`, as a restarted process would open it. */
  reopen(store: BlobStore, options: BlobStoreTestOptions): BlobStore | Promise<BlobStore>;
}

export const MiB = 1024 * 1024;
export const TTL_MS = 3600_000;
/** For tests that move tens of MiB: generous, since CI machines are shared. Never asserted. */
export const HEAVY = { timeout: 180_000 };

export class ManualClock {
  time = Date.UTC(2030, 0, 1);
  readonly now = (): number => this.time;
}

export function newBucket(): string {
  return `b-${randomBytes(5).toString("hex")}`;
}

export function md5(bytes: Buffer): string {
  return createHash("md5").update(bytes).digest("base64");
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const BLOCK = 64 * 1024;

/** One 64 KiB block of the pattern: mulberry32 seeded from the seed and the block number. */
function patternBlock(seed: string, block: number): Buffer {
  let state = createHash("sha256").update(`${seed}:${block}`).digest().readUInt32LE(0);
  const words = new Uint32Array(BLOCK / 4);
  for (let i = 0; i < words.length; i++) {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    words[i] = (t ^ (t >>> 14)) >>> 0;
  }
  return Buffer.from(words.buffer);
}

/**
 * Deterministic pseudo-random bytes, any slice computable on its own, so a test can stream
 * tens of MiB without holding them and still check a range in the middle.
 */
export function patternBytes(seed: string, start: number, end: number): Buffer {
  const out = Buffer.alloc(end - start);
  for (let block = Math.floor(start / BLOCK); block * BLOCK < end; block++) {
    const bytes = patternBlock(seed, block);
    const from = Math.max(start, block * BLOCK);
    const to = Math.min(end, block * BLOCK + BLOCK);
    bytes.copy(out, from - start, from - block * BLOCK, to - block * BLOCK);
  }
  return out;
}

/** `size` pattern bytes as a stream of 256 KiB chunks, optionally failing after `failAfter`. */
export function patternStream(seed: string, size: number, from = 0, failAfter?: number): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let at = from; at < size; at += 256 * 1024) {
      if (failAfter !== undefined && at - from >= failAfter) throw new Error("client went away");
      yield patternBytes(seed, at, Math.min(size, at + 256 * 1024));
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** Size and MD5 of a stream, read once. */
export async function digestOf(stream: Readable): Promise<{ size: number; md5: string }> {
  const hash = createHash("md5");
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Uint8Array);
    size += (chunk as Uint8Array).length;
  }
  return { size, md5: hash.digest("base64") };
}

export async function patternMd5(seed: string, size: number): Promise<string> {
  return (await digestOf(patternStream(seed, size))).md5;
}

/** Awaits `promise`, expecting a BlobStoreError with `code`; returns it for more checks. */
export async function expectCode(promise: Promise<unknown>, code: BlobStoreErrorCode) {
  const error = await promise.then(
    () => new Error(`expected a ${code} error, but the call succeeded`),
    (e: unknown) => e,
  );
  expect(isBlobStoreError(error) ? error.code : error).toBe(code);
  if (!isBlobStoreError(error)) throw error;
  return error;
}
