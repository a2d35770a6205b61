// Writes go to the runtime in batches bounded twice: by count (its per-request limits) and by
// the size of their JSON (its 11 MiB body limit), so 500 large documents are two requests, not
// a refusal that rolls the whole import back.

/** Under the runtime's 11 MiB request body limit, with room for the envelope. */
export const MAX_BATCH_BYTES = 9 * 1024 * 1024;

export function* batches<T>(items: readonly T[], maxCount: number, maxBytes = MAX_BATCH_BYTES) {
  let batch: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item));
    if (batch.length > 0 && (batch.length >= maxCount || bytes + size > maxBytes)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}
