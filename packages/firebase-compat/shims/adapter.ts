// Turns a Firebase function (a marked trigger, see functions/trigger.ts) into the runtime's
// handler(event, context): the runtime's event becomes what that trigger's handler expects in
// its generation, and the handler runs with `context` as the current invocation.
import { projectId, runWithContext, type RuntimeContext, type WireFields } from "./context.js";
import { userRecord } from "./admin/auth.js";
import { getFirestore } from "./firestore/firestore.js";
import { Change, DocumentSnapshot } from "./firestore/snapshots.js";
import { serveExpress, type ExpressRequest, type ExpressResponse } from "./functions/express.js";
import { descriptorOf, type Descriptor } from "./functions/trigger.js";

type AnyHandler = (...args: unknown[]) => unknown;
type Event = Record<string, unknown>;

/** The value at `path` below the entry module: `exports.group = {…}` and `export * as` both. */
export function exportAt(entry: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = entry;
  for (const [i, name] of path.entries()) {
    const holder = value as Record<string, unknown> | undefined;
    let next = holder?.[name];
    // A CommonJS entry seen from ESM: its exports are the namespace's default too.
    if (next === undefined && i === 0) next = (holder?.default as Record<string, unknown>)?.[name];
    if (next === undefined) {
      throw new Error(`the entry module exports nothing at ${path.slice(0, i + 1).join(".")}`);
    }
    value = next;
  }
  return value;
}

const nowIso = () => new Date().toISOString();
const CLOUD_EVENT_TYPES = {
  create: "created",
  update: "updated",
  delete: "deleted",
  write: "written",
};

function documentArgs(
  d: Extract<Descriptor, { kind: "document" }>,
  event: Event,
  context: RuntimeContext,
) {
  const db = getFirestore();
  const path = event.path as string;
  const ref = db.doc(path);
  const refOf = (p: string) => db.doc(p);
  const snapshot = (fields: unknown) =>
    new DocumentSnapshot(ref, (fields as WireFields | null) ?? undefined, refOf);
  const before = snapshot(event.before);
  const after = snapshot(event.after);
  const data =
    d.event === "create" ? after : d.event === "delete" ? before : new Change(before, after);
  const params = (event.params ?? context.params ?? {}) as Record<string, string>;
  const eventId = (event.eventId ?? context.eventId) as string;
  const database = `projects/${projectId()}/databases/(default)`;
  if (d.generation === 1) {
    const eventContext = {
      eventId,
      timestamp: nowIso(),
      eventType: `providers/cloud.firestore/eventTypes/document.${d.event}`,
      params,
      resource: { service: "firestore.googleapis.com", name: `${database}/documents/${path}` },
      authType: "ADMIN",
    };
    return [data, eventContext];
  }
  return [
    {
      specversion: "1.0",
      id: eventId,
      type: `google.cloud.firestore.document.v1.${CLOUD_EVENT_TYPES[d.event]}`,
      source: `//firestore.googleapis.com/${database}`,
      subject: `documents/${path}`,
      time: nowIso(),
      project: projectId(),
      database: "(default)",
      namespace: "(default)",
      location: "winky",
      document: path,
      params,
      data,
      authType: "system",
    },
  ];
}

/** A 1st gen background function's EventContext. */
function eventContext(event: Event, eventType: string, resource: string, timestamp = nowIso()) {
  return { eventId: event.eventId, timestamp, eventType, params: {}, resource: { name: resource } };
}

function storageArgs(d: Descriptor & { kind: "storage" }, event: Event) {
  const o = (event.object ?? {}) as Record<string, unknown>;
  const bucket = process.env.STORAGE_BUCKET ?? projectId();
  const metadata = {
    kind: "storage#object",
    id: `${bucket}/${o.name}/${o.generation}`,
    bucket,
    name: o.name,
    size: String(o.size ?? 0),
    contentType: o.contentType,
    generation: String(o.generation ?? ""),
    metageneration: "1",
    md5Hash: o.md5Hash,
    metadata: o.metadata ?? {},
    ...(d.event === "delete" ? { timeDeleted: nowIso() } : {}),
  };
  const resource = `projects/_/buckets/${bucket}/objects/${o.name}`;
  if (d.generation === 1) {
    const type = `google.storage.object.${d.event}`;
    return [metadata, eventContext(event, type, resource)];
  }
  const verb = d.event === "finalize" ? "finalized" : "deleted";
  return [
    {
      specversion: "1.0",
      id: event.eventId,
      type: `google.cloud.storage.object.v1.${verb}`,
      source: `//storage.googleapis.com/projects/_/buckets/${bucket}`,
      subject: `objects/${o.name}`,
      time: nowIso(),
      bucket,
      data: metadata,
    },
  ];
}

function argsFor(d: Descriptor, event: unknown, context: RuntimeContext): unknown[] {
  const e = (event ?? {}) as Event;
  switch (d.kind) {
    case "callable": {
      const auth = context.auth ? { uid: context.auth.uid, token: context.auth.token } : undefined;
      if (d.generation === 1)
        return [event, { auth, rawRequest: undefined, instanceIdToken: undefined }];
      return [{ data: event, auth, rawRequest: undefined, acceptsStreaming: false }];
    }
    case "document":
      return documentArgs(d, e, context);
    case "auth": {
      const user = (e.user ?? {}) as Parameters<typeof userRecord>[0] & { createdAt?: string };
      const type = `providers/firebase.auth/eventTypes/user.${d.event}`;
      return [userRecord(user, user.createdAt), eventContext(e, type, `projects/${projectId()}`)];
    }
    case "storage":
      return storageArgs(d, e);
    case "schedule": {
      const time = (e.scheduleTime as string | undefined) ?? nowIso();
      if (d.generation === 2) return [{ scheduleTime: time, jobName: undefined }];
      return [eventContext(e, "google.pubsub.topic.publish", `projects/${projectId()}`, time)];
    }
    default:
      throw new Error(`unimplemented: ${d.kind} functions have no adapter`);
  }
}

/**
 * The runtime handler for `target` (what the source exports), checked to be a Firebase function
 * of `expectedKind`. @throws at load when it is not one, or its trigger has no Winky equivalent.
 */
export function toRuntimeHandler(target: unknown, expectedKind: string) {
  const d = descriptorOf(target);
  if (!d) throw new Error("the export is not a Cloud Function made with firebase-functions");
  if (d.kind === "unsupported") throw new Error(`unimplemented: ${d.what} has no trigger on Winky`);
  if (d.kind !== expectedKind) {
    throw new Error(`the export is a ${d.kind} function, deployed as a ${expectedKind} one`);
  }
  const handler = d.handler as AnyHandler;
  return async function firebaseFunction(
    event: unknown,
    context: RuntimeContext,
  ): Promise<unknown> {
    return runWithContext(context, async () => {
      if (d.kind === "http") {
        const serve = handler as (req: ExpressRequest, res: ExpressResponse) => unknown;
        return serveExpress(serve, event as Request, d.cors);
      }
      const result = await handler(...argsFor(d, event, context));
      // Background functions' results (a WriteResult, null) mean nothing to the runtime.
      return d.kind === "callable" ? (result ?? null) : null;
    });
  };
}
