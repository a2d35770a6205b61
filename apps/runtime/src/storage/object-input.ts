import type { BlobInfo, MetadataPatch } from "@winky/blob-store";
import type { Caller } from "../documents/document-service.js";
import { invalidArgument } from "../errors/runtime-error.js";
import { objectTooLarge } from "./upload-body.js";

// What a write brings to the store and what the rules see of it, apart from the service that
// sequences store calls, rules and events.

/** What a new object's content comes with. */
export interface UploadInput {
  contentType: string;
  metadata: Record<string, string>;
  /** The declared size (Content-Length, or the resumable upload's total), when known. */
  size?: number;
  cacheControl?: string;
  contentDisposition?: string;
}

/**
 * The declared size, judged before any body byte is read.
 * @throws RuntimeError resource-exhausted past `maxObjectSize`; invalid-argument when an end
 *   user declares none.
 */
export function checkDeclaredSize(input: UploadInput, caller: Caller, maxObjectSize: number): void {
  if (input.size !== undefined && input.size > maxObjectSize) {
    throw objectTooLarge(maxObjectSize, `the declared size ${input.size}`);
  }
  if (input.size === undefined && !caller.bypassRules) {
    // Rules judge `request.resource.size` before the body is read, so it must be declared.
    throw invalidArgument(
      "Content-Length (or X-Upload-Content-Length for resumable uploads) is required",
      { field: "Content-Length" },
    );
  }
}

/** The store's write options for `input` (its size is checked, not stored). */
export function writeOptions(input: UploadInput) {
  return {
    contentType: input.contentType,
    metadata: input.metadata,
    ...(input.cacheControl !== undefined ? { cacheControl: input.cacheControl } : {}),
    ...(input.contentDisposition !== undefined
      ? { contentDisposition: input.contentDisposition }
      : {}),
  };
}

/** The object as the rules' `request.resource` sees it after a metadata change. */
export function patchedResource(info: BlobInfo, patch: MetadataPatch) {
  const metadata: Record<string, string> = patch.metadata === null ? {} : { ...info.metadata };
  for (const [k, v] of Object.entries(patch.metadata ?? {})) {
    if (v === null) delete metadata[k];
    else metadata[k] = v;
  }
  const pick = (patched: string | null | undefined, current: string | undefined) =>
    patched === null ? undefined : (patched ?? current);
  const cacheControl = pick(patch.cacheControl, info.cacheControl);
  const contentDisposition = pick(patch.contentDisposition, info.contentDisposition);
  return {
    name: info.name,
    size: info.size,
    contentType: pick(patch.contentType, info.contentType) ?? "application/octet-stream",
    metadata,
    ...(cacheControl !== undefined ? { cacheControl } : {}),
    ...(contentDisposition !== undefined ? { contentDisposition } : {}),
  };
}
