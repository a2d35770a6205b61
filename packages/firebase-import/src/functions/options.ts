// Deploy options: 1st gen's `runWith({...})` and `region(...)`, 2nd gen's options object. Memory
// and timeout become the runtime's memoryMb/timeoutMs within its limits; secrets are attached
// by name; options that change behaviour on winky are "needs a change", the rest are noted.
import type { ModuleGraph } from "./evaluate.js";
import {
  membersOf,
  readArray,
  readBoolean,
  readNumber,
  readSecretName,
  readString,
  type Located,
  type ObjectValue,
} from "./constants.js";

export interface FunctionOptions {
  memoryMb?: number;
  timeoutMs?: number;
  region?: string;
  secrets: string[];
  /** Said in the item's detail; the function still maps. */
  notes: string[];
  /** Each makes the function "needs-change". */
  changes: string[];
  /**
   * Access controls winky would drop (a private invoker, App Check): also in `changes`, and
   * they stop the import, so a private function is never deployed as a public one.
   */
  access: string[];
}

export const MAX_MEMORY_MB = 2048;
export const MAX_TIMEOUT_MS = 540_000;
const SECRET_NAME = /^[A-Z_][A-Z0-9_]*$/;

export function emptyOptions(): FunctionOptions {
  return { secrets: [], notes: [], changes: [], access: [] };
}

// Options that only tune Google's infrastructure: winky sandboxes scale from zero on their own.
const INFRASTRUCTURE = new Set([
  "minInstances",
  "maxInstances",
  "concurrency",
  "cpu",
  "serviceAccount",
  "serviceAccountEmail",
  "labels",
  "preserveExternalChanges",
  "omit",
  "secretEnvironmentVariables",
]);

/** Keys each trigger reads itself (document, schedule…): not deploy options. */
const TRIGGER_KEYS = new Set([
  "document",
  "database",
  "namespace",
  "bucket",
  "schedule",
  "timeZone",
  "retryCount",
  "maxRetrySeconds",
  "minBackoffSeconds",
  "maxBackoffSeconds",
  "maxDoublings",
  "topic",
  "ref",
  "instance",
  "eventType",
  "eventFilters",
  "channel",
  "filters",
  "retry",
  "failurePolicy",
  "cors",
]);

/** Reads one options object into `options` (later calls override earlier ones). */
export function readOptions(
  graph: ModuleGraph,
  object: ObjectValue,
  options: FunctionOptions,
): void {
  for (const [key, at] of membersOf(object)) {
    if (key === "memory") readMemory(graph, at, options);
    else if (key === "timeoutSeconds") readTimeout(graph, at, options);
    else if (key === "region") readRegion(graph, [at], options);
    else if (key === "secrets") readSecrets(graph, at, options);
    else if (key === "enforceAppCheck" && readBoolean(graph, at) !== false) {
      const change =
        "enforceAppCheck: winky does not check App Check tokens, so calls without one would be accepted; check the caller in the handler and remove the option";
      options.changes.push(change);
      options.access.push(change);
    } else if (key === "invoker" && readString(graph, at) !== "public") {
      const change =
        "invoker: winky HTTP functions are public; check the caller (its ID token) in the handler and remove the option";
      options.changes.push(change);
      options.access.push(change);
    } else if (
      key === "vpcConnector" ||
      key === "vpcConnectorEgressSettings" ||
      key === "ingressSettings"
    ) {
      options.changes.push(`${key}: winky functions have no network access beyond the runtime`);
    } else if (INFRASTRUCTURE.has(key))
      options.notes.push(`${key} is not needed on winky (ignored)`);
    else if (!TRIGGER_KEYS.has(key)) options.notes.push(`option ${key} is not used by winky`);
  }
}

/** "256MB", "1GB" (1st gen), "512MiB", "1GiB" (2nd gen). */
export function memoryToMb(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(MB|MiB|GB|GiB)\s*$/i.exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  const amount = Number(match[1]);
  return Math.round(match[2].toLowerCase().startsWith("g") ? amount * 1024 : amount);
}

function readMemory(graph: ModuleGraph, at: Located, options: FunctionOptions): void {
  const text = readString(graph, at);
  const mb = text === undefined ? readNumber(graph, at) : memoryToMb(text);
  if (mb === undefined) {
    options.changes.push(
      `memory is computed at deploy time: set memoryMb (64–${MAX_MEMORY_MB}) on the winky function`,
    );
  } else if (mb > MAX_MEMORY_MB) {
    options.memoryMb = MAX_MEMORY_MB;
    options.changes.push(
      `memory ${text ?? mb} is above winky's ${MAX_MEMORY_MB} MB: the function gets ${MAX_MEMORY_MB} MB, check that it fits`,
    );
  } else options.memoryMb = Math.max(64, mb);
}

function readTimeout(graph: ModuleGraph, at: Located, options: FunctionOptions): void {
  const seconds = readNumber(graph, at);
  if (seconds === undefined) {
    options.changes.push(
      "timeoutSeconds is computed at deploy time: set timeoutMs on the winky function",
    );
  } else if (seconds * 1000 > MAX_TIMEOUT_MS) {
    options.timeoutMs = MAX_TIMEOUT_MS;
    options.changes.push(
      `timeoutSeconds ${seconds} is above winky's ${MAX_TIMEOUT_MS / 1000} s: the function stops after ${MAX_TIMEOUT_MS / 1000} s; split the work`,
    );
  } else options.timeoutMs = Math.max(100, Math.round(seconds * 1000));
}

/** `region("a", "b")` arguments or a `region` option (a string or a list). */
export function readRegion(graph: ModuleGraph, args: Located[], options: FunctionOptions): void {
  const regions: string[] = [];
  for (const arg of args) {
    const list = readArray(graph, arg);
    for (const item of list ?? [arg]) {
      const region = readString(graph, item);
      if (region !== undefined) regions.push(region);
      else options.notes.push("a region computed at deploy time (ignored)");
    }
  }
  if (regions.length === 0) return;
  options.region = regions.join(",");
  options.notes.push(
    `region ${regions.join(", ")} is not kept: winky runs functions where the runtime runs`,
  );
}

function readSecrets(graph: ModuleGraph, at: Located, options: FunctionOptions): void {
  const list = readArray(graph, at);
  if (!list) {
    options.changes.push("secrets are computed: list the secret names on the winky function");
    return;
  }
  for (const item of list) {
    const name = readSecretName(graph, item);
    if (name === undefined) {
      options.changes.push(
        "a secret the analyzer cannot name: add it to the winky function's secrets",
      );
    } else {
      if (!options.secrets.includes(name)) options.secrets.push(name);
      if (!SECRET_NAME.test(name)) {
        options.changes.push(
          `secret ${name}: winky secret names are upper case letters, digits and _`,
        );
      }
    }
  }
}

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}
