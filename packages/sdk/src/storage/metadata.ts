/**
 * Object metadata in Firebase's shapes, and its conversion to and from the runtime's wire
 * shapes (Cloud Storage's JSON: `size` as a string, custom metadata under `metadata`).
 */
import { invalidArgument } from "../errors.js";
import type { StorageReference } from "./storage.js";

/** What {@link updateMetadata} changes: a field given replaces, `null` removes, absent keeps. */
export interface SettableMetadata {
  /** `type/subtype[; params]`; removed, it reads back as `application/octet-stream`. */
  contentType?: string | null;
  cacheControl?: string | null;
  contentDisposition?: string | null;
  /** Merged key by key into what is stored: a `null` value removes its key, `null` all keys. */
  customMetadata?: Record<string, string | null> | null;
}

/** What an upload stores with the content. */
export interface UploadMetadata {
  /** Default: the Blob's `type`, a data URL's type, else `application/octet-stream`. */
  contentType?: string;
  cacheControl?: string;
  contentDisposition?: string;
  /** Your own string pairs, read back as they were written (case kept). */
  customMetadata?: Record<string, string>;
}

/** An object's metadata, as {@link getMetadata} and the uploads resolve it. */
export interface FullMetadata {
  /** The bucket: the project id. */
  bucket: string;
  /** The object's path (`"images/cat.png"`). */
  fullPath: string;
  /** The last segment of the path (`"cat.png"`). */
  name: string;
  /** Bytes. */
  size: number;
  /** Changes with every new content; a string, as it may exceed 2^53. */
  generation: string;
  /** Changes with every metadata change of one generation. */
  metageneration: string;
  /** ISO 8601. */
  timeCreated: string;
  /** ISO 8601. */
  updated: string;
  /** Base64 MD5 of the content. */
  md5Hash: string;
  contentType: string;
  cacheControl?: string;
  contentDisposition?: string;
  customMetadata: Record<string, string>;
  ref: StorageReference;
}

/** What the runtime answers for an object. */
export interface WireObject {
  name: string;
  bucket: string;
  generation: string;
  metageneration: string;
  contentType: string;
  size: string;
  md5Hash: string;
  timeCreated: string;
  updated: string;
  metadata?: Record<string, string>;
  cacheControl?: string;
  contentDisposition?: string;
}

/** @internal The runtime's object as Firebase's {@link FullMetadata} of `ref`. */
export function fromWireObject(ref: StorageReference, wire: WireObject): FullMetadata {
  return {
    bucket: wire.bucket,
    fullPath: wire.name,
    name: wire.name.slice(wire.name.lastIndexOf("/") + 1),
    size: Number(wire.size),
    generation: wire.generation,
    metageneration: wire.metageneration,
    timeCreated: wire.timeCreated,
    updated: wire.updated,
    md5Hash: wire.md5Hash,
    contentType: wire.contentType,
    ...(wire.cacheControl !== undefined ? { cacheControl: wire.cacheControl } : {}),
    ...(wire.contentDisposition !== undefined
      ? { contentDisposition: wire.contentDisposition }
      : {}),
    customMetadata: { ...wire.metadata },
    ref,
  };
}

const FIELDS = ["contentType", "cacheControl", "contentDisposition", "customMetadata"];

/** The runtime's JSON for a new object's metadata (the body of a resumable upload's start). */
export interface WireUploadMetadata {
  contentType?: string;
  cacheControl?: string;
  contentDisposition?: string;
  metadata?: Record<string, string>;
}

/**
 * @internal Checks upload metadata (`what` names the caller) and gives the runtime's JSON.
 * @throws WinkyError invalid-argument naming the field: fields the runtime does not store
 *   (`contentEncoding`, `md5Hash`, …) are refused rather than silently dropped.
 */
export function toUploadBody(
  metadata: UploadMetadata | undefined,
  what: string,
): WireUploadMetadata {
  const m = checkFields(metadata ?? {}, what, false) as UploadMetadata;
  const body: WireUploadMetadata = {};
  if (m.contentType !== undefined) body.contentType = m.contentType;
  if (m.cacheControl !== undefined) body.cacheControl = m.cacheControl;
  if (m.contentDisposition !== undefined) body.contentDisposition = m.contentDisposition;
  if (m.customMetadata !== undefined) body.metadata = m.customMetadata;
  return body;
}

/** @internal The runtime's PATCH body for {@link SettableMetadata}. */
export function toMetadataPatch(metadata: SettableMetadata): Record<string, unknown> {
  const m = checkFields(metadata, "updateMetadata()", true);
  const patch: Record<string, unknown> = {};
  for (const key of ["contentType", "cacheControl", "contentDisposition"] as const) {
    if (m[key] !== undefined) patch[key] = m[key];
  }
  if (m.customMetadata !== undefined) patch.metadata = m.customMetadata;
  return patch;
}

function checkFields(metadata: object, what: string, nullable: boolean): SettableMetadata {
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    throw invalidArgument(`${what}: metadata must be an object`);
  }
  const m = metadata as Record<string, unknown>;
  for (const [key, value] of Object.entries(m)) {
    if (!FIELDS.includes(key)) {
      throw invalidArgument(
        `${what}: metadata.${key} is not supported; the runtime stores ${FIELDS.join(", ")}`,
        { field: key },
      );
    }
    if (value === undefined || (nullable && value === null)) continue;
    if (key !== "customMetadata" && typeof value !== "string") {
      throw invalidArgument(`${what}: metadata.${key} must be a string`, { field: key });
    }
    if (key === "customMetadata") checkCustom(value, what, nullable);
  }
  return m as SettableMetadata;
}

function checkCustom(value: unknown, what: string, nullable: boolean): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidArgument(`${what}: metadata.customMetadata must be an object of strings`, {
      field: "customMetadata",
    });
  }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== "string" && !(nullable && v === null)) {
      throw invalidArgument(
        `${what}: metadata.customMetadata.${key} must be a string${nullable ? " or null" : ""}`,
        { field: `customMetadata.${key}` },
      );
    }
  }
}
