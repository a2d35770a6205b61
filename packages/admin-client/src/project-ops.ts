import { adminErrorOf } from "./admin-error.js";
import { fromWireFields, type JsonObject, type WireValue } from "./firestore-wire.js";
import type { Call } from "./project-data.js";

/** A deployed function as the admin API shows it (never its bundle). */
export interface ProjectFunction {
  name: string;
  version: number;
  trigger: Record<string, unknown>;
  createdAt: string;
}

/** One invocation's log: its lines, how long it took, how it failed (null: it did not). */
export interface FunctionLog {
  version: number;
  lines: Array<{ stream: "stdout" | "stderr"; line: string; at: number }>;
  durationMs: number;
  errorKind: string | null;
  createdAt: string;
}

/** One entry of the project's event log; document snapshots as plain JSON. */
export interface ProjectEvent {
  id: string;
  eventId: string;
  kind: string;
  subject: string;
  time: string;
  before?: JsonObject;
  after?: JsonObject;
  data?: Record<string, unknown>;
}

export interface EventPage {
  events: ProjectEvent[];
  nextPageToken?: string;
}

/** What selects events (the log's filter, and a replay's). */
export interface EventFilter {
  from?: string;
  to?: string;
  kinds?: string[];
  subjectPrefix?: string;
}

/** A stored object: its name, size and type. */
export interface ProjectObject {
  name: string;
  size: number;
  contentType: string;
  updated: string;
}

export interface ObjectPage {
  objects: ProjectObject[];
  /** The "folders" one level below the prefix. */
  prefixes: string[];
  nextPageToken?: string;
}

const enc = encodeURIComponent;
const base = (project: string) => `/v1/projects/${enc(project)}`;

export async function listFunctions(call: Call, project: string): Promise<ProjectFunction[]> {
  const res = await call("GET", `${base(project)}/admin/functions`);
  if (!res.ok) throw await adminErrorOf(`listing the functions of '${project}'`, res);
  return ((await res.json()) as { functions: ProjectFunction[] }).functions;
}

/** The function's latest invocations' logs, newest first. */
export async function functionLogs(call: Call, project: string, name: string, limit: number) {
  const res = await call(
    "GET",
    `${base(project)}/admin/functions/${enc(name)}/logs?limit=${limit}`,
  );
  if (!res.ok) throw await adminErrorOf(`reading the logs of '${name}' in '${project}'`, res);
  return ((await res.json()) as { logs: FunctionLog[] }).logs;
}

/** A page of the event log in commit order; `pageToken` is the previous page's. */
export async function listEvents(
  call: Call,
  project: string,
  filter: EventFilter & { limit: number; pageToken?: string },
): Promise<EventPage> {
  const query = new URLSearchParams({ limit: String(filter.limit) });
  if (filter.from) query.set("from", filter.from);
  if (filter.to) query.set("to", filter.to);
  if (filter.kinds?.length) query.set("kind", filter.kinds.join(","));
  if (filter.subjectPrefix) query.set("subjectPrefix", filter.subjectPrefix);
  if (filter.pageToken) query.set("pageToken", filter.pageToken);
  const res = await call("GET", `${base(project)}/admin/events?${query.toString()}`);
  if (!res.ok) throw await adminErrorOf(`reading the event log of '${project}'`, res);
  type Wire = Omit<ProjectEvent, "before" | "after"> & {
    before?: Record<string, WireValue>;
    after?: Record<string, WireValue>;
  };
  const page = (await res.json()) as { events: Wire[]; nextPageToken?: string };
  return {
    events: page.events.map(({ before, after, ...event }) => ({
      ...event,
      ...(before ? { before: fromWireFields(before) } : {}),
      ...(after ? { after: fromWireFields(after) } : {}),
    })),
    ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
  };
}

/** Runs the selected events through the triggers again; answers how many and under which id. */
export async function replayEvents(call: Call, project: string, filter: EventFilter) {
  const res = await call("POST", `${base(project)}/admin/events:replay`, filter);
  if (!res.ok) throw await adminErrorOf(`replaying events of '${project}'`, res);
  return (await res.json()) as { replayId: string; events: number };
}

/** A page of the bucket's objects below `prefix`, one level deep, with their types. */
export async function listObjects(
  call: Call,
  project: string,
  page: { prefix: string; limit: number; pageToken?: string },
): Promise<ObjectPage> {
  const query = new URLSearchParams({
    prefix: page.prefix,
    delimiter: "/",
    maxResults: String(page.limit),
  });
  if (page.pageToken) query.set("pageToken", page.pageToken);
  const res = await call("GET", `${base(project)}/storage/o?${query.toString()}`);
  if (!res.ok) throw await adminErrorOf(`listing the files of '${project}'`, res);
  const listed = (await res.json()) as {
    items: Array<{ name: string }>;
    prefixes: string[];
    nextPageToken?: string;
  };
  // The list names objects only; their types (for previews) are in their metadata.
  const objects = await Promise.all(listed.items.map((i) => statObject(call, project, i.name)));
  return {
    objects,
    prefixes: listed.prefixes,
    ...(listed.nextPageToken ? { nextPageToken: listed.nextPageToken } : {}),
  };
}

async function statObject(call: Call, project: string, name: string): Promise<ProjectObject> {
  const res = await call("GET", `${base(project)}/storage/o/${enc(name)}`);
  if (!res.ok) throw await adminErrorOf(`reading file '${name}' of '${project}'`, res);
  const info = (await res.json()) as { size: string; contentType: string; updated: string };
  return { name, size: Number(info.size), contentType: info.contentType, updated: info.updated };
}

/**
 * An object's content when it is at most `maxBytes` (undefined when it does not exist).
 * @throws Error when it is larger: previews never read a large file whole.
 */
export async function readObject(call: Call, project: string, name: string, maxBytes: number) {
  const object = await statObject(call, project, name).catch((e: { status?: number }) => {
    if (e.status === 404) return undefined;
    throw e;
  });
  if (!object) return undefined;
  if (object.size > maxBytes) {
    throw new RangeError(`'${name}' is ${object.size} bytes, more than the ${maxBytes} read whole`);
  }
  const res = await call("GET", `${base(project)}/storage/o/${enc(name)}?alt=media`);
  if (!res.ok) throw await adminErrorOf(`reading file '${name}' of '${project}'`, res);
  return { ...object, bytes: new Uint8Array(await res.arrayBuffer()) };
}
