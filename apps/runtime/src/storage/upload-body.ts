import { Readable, Transform, type TransformCallback } from "node:stream";
import type { IncomingHttpHeaders } from "node:http";
import { DEFAULT_CONTENT_TYPE } from "@winky/blob-store";
import { invalidArgument, RuntimeError } from "../errors/runtime-error.js";

/** `resource-exhausted` naming the limit: the object would be larger than this runtime allows. */
export function objectTooLarge(limit: number, what: string): RuntimeError {
  return new RuntimeError(
    "resource-exhausted",
    `${what} exceeds the maximum object size of ${limit} bytes (WINKY_STORAGE_MAX_OBJECT_SIZE)`,
    { reason: "object-too-large", limit },
  );
}

/**
 * Passes the body through and fails it, as soon as the count passes `limit`, with
 * {@link objectTooLarge}; the store then keeps nothing. `already` counts bytes received
 * before this stream (earlier chunks of a resumable upload).
 */
export function limitBody(body: Readable, limit: number, already = 0): Readable {
  let seen = already;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) done(objectTooLarge(limit, "the upload"));
      else done(null, chunk);
    },
  });
  body.on("error", (e) => limiter.destroy(e));
  // The store consumes the limiter and rejects with its error; a store that stops listening
  // once it has the error (resumable appends keep what came before) must not crash the process.
  limiter.on("error", () => {});
  return body.pipe(limiter);
}

/** The request body as a stream: the storage routes' parser hands bodies over unread. */
export function bodyStream(body: unknown): Readable {
  if (body instanceof Readable) return body;
  return Readable.from([]);
}

/** Reads a small JSON body (metadata, sign requests) from the raw stream. */
export async function readJsonBody(body: unknown, limit = 64 * 1024): Promise<unknown> {
  if (!(body instanceof Readable)) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      throw invalidArgument(`the JSON body is larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw invalidArgument("the request body is not valid JSON");
  }
}

const MEDIA_TYPE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*;[ -~]*)?$/;

/**
 * A content type from a header: `type/subtype[; params]`, defaulting to
 * `application/octet-stream` when absent.
 *
 * @throws RuntimeError invalid-argument naming the header.
 */
export function contentTypeOf(value: string | undefined, header: string): string {
  if (value === undefined || value === "") return DEFAULT_CONTENT_TYPE;
  if (value.length > 1024 || !MEDIA_TYPE.test(value)) {
    throw invalidArgument(
      `${header}: ${JSON.stringify(value.slice(0, 100))} is not a media type (type/subtype)`,
      { field: header },
    );
  }
  return value;
}

/** Custom metadata from `x-goog-meta-<key>` headers (keys arrive lower-cased). */
export function metadataFromHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (key.startsWith("x-goog-meta-") && typeof value === "string") {
      metadata[key.slice("x-goog-meta-".length)] = value;
    }
  }
  return metadata;
}

/**
 * A non-negative whole number of bytes from a header, or undefined when absent.
 * @throws RuntimeError invalid-argument naming the header.
 */
export function byteCount(value: string | undefined, header: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) {
    throw invalidArgument(`${header}: expected a number of bytes, got ${JSON.stringify(value)}`, {
      field: header,
    });
  }
  return Number(value);
}
