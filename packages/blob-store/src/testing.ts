/**
 * `@winky/blob-store/testing`: the conformance suite every {@link BlobStore} implementation
 * runs in its own tests, so the emulator's store and production's behave the same. Needs
 * vitest (the workspace's test runner) at run time.
 */
import { describe } from "vitest";
import type { BlobStoreHarness } from "./conformance/harness.js";
import { describeGenerations } from "./conformance/generations.js";
import { describeListing } from "./conformance/listing.js";
import { describeNames } from "./conformance/names.js";
import { describeObjects } from "./conformance/objects.js";
import { describeUploads } from "./conformance/uploads.js";

export type { BlobStoreHarness, BlobStoreTestOptions } from "./conformance/harness.js";
export { BAD_NAMES, GOOD_NAMES } from "./conformance/names.js";

/**
 * Defines the suite `BlobStore: <name>`: objects (round trips, 20 MiB streaming, ranges,
 * generations, preconditions, concurrent writers, metadata updates, bad input), listing
 * (byte order, prefixes, delimiter, pages), names (traversal in every spelling, in every
 * operation) and resumable uploads (offsets, broken streams, restarts, expiry).
 */
export function describeBlobStore(name: string, harness: BlobStoreHarness): void {
  describe(`BlobStore: ${name}`, () => {
    describeObjects(harness);
    describeGenerations(harness);
    describeListing(harness);
    describeNames(harness);
    describeUploads(harness);
  });
}
