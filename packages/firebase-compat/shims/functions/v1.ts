// firebase-functions/v1 (and the package root before firebase-functions 6): the builder chains
// `functions.region(…).runWith(…).firestore.document(p).onCreate(h)`. Regions and runtime
// options are the deploy's business (the import reads them), so the chains only keep the
// trigger and the handler.
import * as logger from "./logger.js";
import * as params from "./params.js";
import { mark, HttpsError, type Kind, type Marked } from "./trigger.js";
import { Change } from "../firestore/snapshots.js";

type DocumentEvent = "create" | "update" | "delete" | "write";

const v1 = (kind: Kind, handler: unknown): Marked => mark(kind, 1, handler);
const unsupported = (what: string) => (handler: unknown) =>
  v1({ kind: "unsupported", what }, handler);

function document(path: string) {
  const on = (event: DocumentEvent) => (handler: unknown) =>
    v1({ kind: "document", event, path }, handler);
  return {
    onCreate: on("create"),
    onUpdate: on("update"),
    onDelete: on("delete"),
    onWrite: on("write"),
  };
}

function object() {
  return {
    onFinalize: (h: unknown) => v1({ kind: "storage", event: "finalize" }, h),
    onDelete: (h: unknown) => v1({ kind: "storage", event: "delete" }, h),
    onArchive: unsupported("storage.object().onArchive"),
    onMetadataUpdate: unsupported("storage.object().onMetadataUpdate"),
  };
}

function schedule(expression: string) {
  let timeZone: string | undefined;
  const chain = {
    timeZone(tz: string) {
      timeZone = tz;
      return chain;
    },
    retryConfig: () => chain,
    onRun: (handler: unknown) =>
      v1({ kind: "schedule", schedule: expression, ...(timeZone ? { timeZone } : {}) }, handler),
  };
  return chain;
}

const namespaces = {
  https: {
    onCall: (h: unknown) => v1({ kind: "callable" }, h),
    onRequest: (h: unknown) => v1({ kind: "http" }, h),
    HttpsError,
  },
  firestore: {
    document,
    namespace: () => ({ document }),
    database: () => ({ document, namespace: () => ({ document }) }),
  },
  auth: {
    user: () => ({
      onCreate: (h: unknown) => v1({ kind: "auth", event: "create" }, h),
      onDelete: (h: unknown) => v1({ kind: "auth", event: "delete" }, h),
      beforeCreate: unsupported("auth.user().beforeCreate (blocking)"),
      beforeSignIn: unsupported("auth.user().beforeSignIn (blocking)"),
    }),
  },
  storage: { object, bucket: () => ({ object }) },
  pubsub: {
    schedule,
    topic: (name: string) => ({ onPublish: unsupported(`pubsub.topic("${name}").onPublish`) }),
  },
  database: {
    ref: (path: string) => ({
      onCreate: unsupported(`database.ref("${path}")`),
      onUpdate: unsupported(`database.ref("${path}")`),
      onDelete: unsupported(`database.ref("${path}")`),
      onWrite: unsupported(`database.ref("${path}")`),
    }),
  },
  tasks: { taskQueue: () => ({ onDispatch: unsupported("tasks.taskQueue().onDispatch") }) },
};

type Builder = typeof namespaces & {
  region(...regions: string[]): Builder;
  runWith(options: unknown): Builder;
};

const builder: Builder = {
  ...namespaces,
  region: () => builder,
  runWith: () => builder,
};

export const { https, firestore, auth, storage, pubsub, database, tasks } = namespaces;
export const region = builder.region;
export const runWith = builder.runWith;
export { Change, HttpsError, logger, params };

/** functions.config(): FIREBASE_CONFIG_JSON (the import turns its keys into one), else {}. */
export function config(): Record<string, Record<string, unknown>> {
  const raw = process.env.FIREBASE_CONFIG_JSON;
  if (!raw) return {};
  try {
    return JSON.parse(raw) as Record<string, Record<string, unknown>>;
  } catch {
    throw new Error("FIREBASE_CONFIG_JSON is not JSON: functions.config() cannot read it");
  }
}
