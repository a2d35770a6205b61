import type { SecretStoreError } from "./errors.js";
import type { SecretVersionInfo } from "./secret-store.js";

/** Makes the error for an answer without the expected shape, from what is missing. */
type Fail = (detail: string) => SecretStoreError;

/** A secret's KV v2 metadata, reduced to what the store needs. */
export interface KvMetadata {
  readonly currentVersion: number;
  readonly createdAt: Date;
  /** The versions still readable (neither deleted nor destroyed), oldest first. */
  readonly versions: SecretVersionInfo[];
}

/** `POST <mount>/data/<path>` → `{ data: { version, created_time, … } }`. */
export function parseWriteAnswer(answer: unknown, fail: Fail): SecretVersionInfo {
  const data = field(answer, "data");
  return {
    version: positiveInteger(field(data, "version"), "data.version", fail),
    createdAt: time(field(data, "created_time"), "data.created_time", fail),
  };
}

/** `GET <mount>/data/<path>` → `{ data: { data: { value }, metadata: { version, … } } }`. */
export function parseReadAnswer(
  answer: unknown,
  fail: Fail,
): SecretVersionInfo & { value: string } {
  const data = field(answer, "data");
  const value = field(field(data, "data"), "value");
  if (typeof value !== "string") throw fail(`no string "value" in data.data`);
  const metadata = field(data, "metadata");
  return {
    value,
    version: positiveInteger(field(metadata, "version"), "data.metadata.version", fail),
    createdAt: time(field(metadata, "created_time"), "data.metadata.created_time", fail),
  };
}

/** `GET <mount>/metadata/<path>` → `{ data: { current_version, created_time, versions } }`. */
export function parseMetadata(answer: unknown, fail: Fail): KvMetadata {
  const data = field(answer, "data");
  const versions = field(data, "versions");
  if (typeof versions !== "object" || versions === null) throw fail("no data.versions map");
  const live: SecretVersionInfo[] = [];
  for (const [key, entry] of Object.entries(versions)) {
    const version = positiveInteger(Number(key), `data.versions key`, fail);
    // A soft-deleted version has a deletion_time; a destroyed one is flagged.
    if (field(entry, "destroyed") === true) continue;
    const deletion = field(entry, "deletion_time");
    if (typeof deletion === "string" && deletion !== "") continue;
    live.push({ version, createdAt: time(field(entry, "created_time"), "created_time", fail) });
  }
  live.sort((a, b) => a.version - b.version);
  return {
    currentVersion: positiveInteger(field(data, "current_version"), "current_version", fail),
    createdAt: time(field(data, "created_time"), "data.created_time", fail),
    versions: live,
  };
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function positiveInteger(value: unknown, what: string, fail: Fail): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw fail(`${what} is not a positive integer`);
  }
  return value;
}

/** Vault writes RFC 3339 times with up to nanoseconds, which Date.parse accepts. */
function time(value: unknown, what: string, fail: Fail): Date {
  const ms = typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw fail(`${what} is not a time`);
  return new Date(ms);
}
