// The runtime triggers both generations map to, built from what the source says (a document
// path, a bucket, a schedule), with what does not carry over recorded as changes.
import type { FunctionOptions } from "./options.js";
import { isTimeZone, translateSchedule } from "./schedule.js";
import type { DocumentEvent, RuntimeTrigger } from "./types.js";

export interface TriggerReading {
  generation: 1 | 2;
  firebaseTrigger: string;
  trigger: RuntimeTrigger | null;
  options: FunctionOptions;
  /** Set for triggers winky has no equivalent of. */
  unsupported?: { why: string; alternative: string };
}

const NAME_SEGMENT = /^[\w-]+$/;
const WILDCARD_SEGMENT = /^\{\w+\}$/;

/** `users/{uid}` as the runtime takes it; null (with a change) when it cannot. */
export function documentTrigger(
  event: DocumentEvent,
  path: string | undefined,
  database: string | undefined,
  options: FunctionOptions,
): RuntimeTrigger | null {
  if (database !== undefined && database !== "(default)") {
    options.changes.push(
      `it watches the Firestore database "${database}"; a winky project has one document store, so the trigger watches that`,
    );
  }
  if (path === undefined) {
    options.changes.push("the document path is computed: give the trigger a literal path");
    return null;
  }
  const segments = path.split("/").filter((s) => s !== "");
  if (segments.some((s) => s.includes("=**"))) {
    options.changes.push(
      `${path} uses a {name=**} wildcard (any depth); winky wildcards match one segment: deploy one trigger per depth`,
    );
    return null;
  }
  const bad = segments.find((s) => !NAME_SEGMENT.test(s) && !WILDCARD_SEGMENT.test(s));
  if (bad !== undefined) {
    options.changes.push(`the path segment "${bad}" is neither a name nor a {wildcard}`);
    return null;
  }
  if (segments.length === 0 || segments.length % 2 !== 0) {
    options.changes.push(`${path} names a collection, not a document: add the document {wildcard}`);
    return null;
  }
  return { kind: "document", event, path: segments.join("/") };
}

export function storageTrigger(
  event: "finalize" | "delete",
  bucket: string | undefined,
  options: FunctionOptions,
): RuntimeTrigger {
  if (bucket !== undefined) {
    options.changes.push(
      `it watches the bucket "${bucket}"; a winky project has one file store, so the trigger watches that`,
    );
  }
  return { kind: "storage", event };
}

export function scheduleTrigger(
  schedule: string | undefined,
  timeZone: string | undefined,
  options: FunctionOptions,
): RuntimeTrigger | null {
  if (schedule === undefined) {
    options.changes.push("the schedule is computed: give it as a literal cron expression");
    return null;
  }
  const translated = translateSchedule(schedule);
  if (!translated.ok) {
    options.changes.push(translated.reason);
    return null;
  }
  if (translated.translatedFrom !== undefined) {
    options.notes.push(`"${translated.translatedFrom}" becomes the cron "${translated.cron}"`);
  }
  if (timeZone !== undefined && !isTimeZone(timeZone)) {
    options.changes.push(
      `the time zone "${timeZone}" is unknown: use an IANA name such as Europe/Paris`,
    );
    return { kind: "schedule", schedule: translated.cron };
  }
  return {
    kind: "schedule",
    schedule: translated.cron,
    ...(timeZone === undefined ? {} : { timeZone }),
  };
}

/** The products winky has no trigger for, with the nearest thing it offers. */
export const UNSUPPORTED = {
  pubsub: {
    why: "winky has no Pub/Sub topics",
    alternative:
      "a callable the publisher calls, or a document trigger on a queue collection the publisher writes to",
  },
  database: {
    why: "winky has no Realtime Database",
    alternative: "keep the data in documents and use a document trigger",
  },
  tasks: {
    why: "winky has no Cloud Tasks queues",
    alternative:
      "a document trigger on a queue collection, or a schedule that works through pending items",
  },
  blocking: {
    why: "winky has no blocking auth functions",
    alternative:
      "an auth create trigger (runs after the user exists, cannot refuse it), or a callable the client calls before signing up",
  },
  analytics: {
    why: "winky has no Google Analytics events",
    alternative: "a callable the app calls when the event happens",
  },
  remoteConfig: {
    why: "winky has no Remote Config",
    alternative: "keep the settings in a document and use a document trigger",
  },
  testLab: { why: "winky has no Test Lab", alternative: "run the check in CI" },
  eventarc: {
    why: "winky has no Eventarc channels",
    alternative: "a callable or an HTTP function the event source calls",
  },
  alerts: {
    why: "winky has no Firebase Alerts",
    alternative: "a schedule that checks the logs, or an HTTP function a monitoring service calls",
  },
  storageEvent: {
    why: "winky storage triggers fire on finalize and delete only",
    alternative: "a storage finalize or delete trigger",
  },
} as const;

export type UnsupportedFamily = keyof typeof UNSUPPORTED;

export function unsupportedReading(
  generation: 1 | 2,
  firebaseTrigger: string,
  family: UnsupportedFamily,
  options: FunctionOptions,
): TriggerReading {
  return { generation, firebaseTrigger, trigger: null, options, unsupported: UNSUPPORTED[family] };
}
