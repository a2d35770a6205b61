import { SandboxError } from "../errors.js";
import type { FunctionRef, FunctionSpec, JsonValue, PoolOptions } from "../types.js";

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The largest event accepted, serialised (Lambda's synchronous limit is 6 MB). */
export const MAX_EVENT_CHARACTERS = 16 * 1024 * 1024;
const MAX_BUNDLE_CHARACTERS = 64 * 1024 * 1024;

function invalid(message: string): SandboxError {
  return new SandboxError("invalid-argument", message);
}

export function versionKey(ref: FunctionRef): string {
  return `${ref.id}@${ref.version}`;
}

export function checkRef(ref: FunctionRef): void {
  if (typeof ref?.id !== "string" || !NAME.test(ref.id)) {
    throw invalid(
      `id must be 1–128 letters, digits, '_', '.' or '-', not ${JSON.stringify(ref?.id)}`,
    );
  }
  if (typeof ref.version !== "string" || !NAME.test(ref.version)) {
    throw invalid(
      `version must be 1–128 letters, digits, '_', '.' or '-', not ${JSON.stringify(ref.version)}`,
    );
  }
}

function checkInteger(field: string, value: unknown, min: number, max: number): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${field} must be an integer from ${min} to ${max}, not ${String(value)}`);
  }
}

/**
 * Checks a spec and returns a frozen copy of it.
 * @throws SandboxError `invalid-argument`, naming the field.
 */
export function checkSpec(fn: FunctionSpec): Readonly<FunctionSpec> {
  checkRef(fn);
  if (typeof fn.bundle !== "string" || fn.bundle.length === 0) {
    throw invalid("bundle must be the non-empty source of an ES module");
  }
  if (fn.bundle.length > MAX_BUNDLE_CHARACTERS) {
    throw invalid(`bundle is longer than ${MAX_BUNDLE_CHARACTERS} characters`);
  }
  if (typeof fn.env !== "object" || fn.env === null || Array.isArray(fn.env)) {
    throw invalid("env must be an object of strings");
  }
  for (const [name, value] of Object.entries(fn.env)) {
    if (!ENV_NAME.test(name)) throw invalid(`env name ${JSON.stringify(name)} is not valid`);
    if (name.startsWith("WINKY_")) throw invalid(`env name ${name}: WINKY_* is reserved`);
    if (typeof value !== "string") throw invalid(`env.${name} must be a string`);
  }
  checkInteger("memoryMb", fn.memoryMb, 64, 65_536);
  if (typeof fn.cpus !== "number" || !(fn.cpus >= 0.01 && fn.cpus <= 64)) {
    throw invalid(`cpus must be a number from 0.01 to 64, not ${String(fn.cpus)}`);
  }
  checkInteger("timeoutMs", fn.timeoutMs, 1, 3_600_000);
  if (fn.maxConcurrency !== undefined) checkInteger("maxConcurrency", fn.maxConcurrency, 1, 1000);
  return Object.freeze({ ...fn, env: Object.freeze({ ...fn.env }) });
}

export function checkPoolOptions(pool: PoolOptions): void {
  checkInteger("pool.idleMs", pool?.idleMs, 0, 2 ** 31 - 1);
  checkInteger("pool.maxPerVersion", pool.maxPerVersion, 1, 10_000);
}

export function checkTimeout(timeoutMs: number): void {
  checkInteger("timeoutMs", timeoutMs, 1, 3_600_000);
}

/**
 * The event as the runner receives it.
 * @throws SandboxError `invalid-argument` when it is not JSON or too large.
 */
export function serializeEvent(event: JsonValue): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(event);
  } catch (error) {
    throw invalid(`the event is not JSON: ${error instanceof Error ? error.message : error}`);
  }
  json ??= "null";
  if (json.length > MAX_EVENT_CHARACTERS) {
    throw invalid(`the event is longer than ${MAX_EVENT_CHARACTERS} characters as JSON`);
  }
  return json;
}
