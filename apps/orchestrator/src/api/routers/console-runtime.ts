import { TRPCError } from "@trpc/server";
import type {
  DocumentPage,
  EventFilter,
  EventPage,
  FunctionLog,
  JsonObject,
  ObjectPage,
  ProjectDocument,
  ProjectFunction,
  ProjectObject,
  ProjectUser,
  UserPage,
} from "@winky/admin-client";
import { writeAudit } from "../audit.js";
import { auditSourceOf, type AuthorizedContext } from "../context.js";

/**
 * What the runtime console needs of the runtime's admin API, acting on any project with the
 * operator key: `AdminClient` implements it. The key stays inside the client; nothing here
 * reads or repeats it.
 */
export interface RuntimeConsole {
  /** The deployed rules source, or null when none were deployed yet. */
  getRules(project: string, service: "firestore" | "storage"): Promise<string | null>;
  getDocument(project: string, path: string): Promise<ProjectDocument | undefined>;
  listDocuments(
    project: string,
    collection: string,
    page: { limit: number; pageToken?: string },
  ): Promise<DocumentPage>;
  setDocument(project: string, path: string, data: JsonObject): Promise<void>;
  deleteDocument(project: string, path: string): Promise<void>;
  listUsers(project: string, page: { limit: number; pageToken?: string }): Promise<UserPage>;
  updateUser(
    project: string,
    uid: string,
    change: { disabled: boolean } | { claims: Record<string, unknown> },
  ): Promise<ProjectUser>;
  deleteUser(project: string, uid: string): Promise<boolean>;
  listFunctions(project: string): Promise<ProjectFunction[]>;
  functionLogs(project: string, name: string, limit: number): Promise<FunctionLog[]>;
  listEvents(
    project: string,
    filter: EventFilter & { limit: number; pageToken?: string },
  ): Promise<EventPage>;
  replayEvents(project: string, filter: EventFilter): Promise<{ replayId: string; events: number }>;
  listObjects(
    project: string,
    page: { prefix: string; limit: number; pageToken?: string },
  ): Promise<ObjectPage>;
  readObject(
    project: string,
    name: string,
    maxBytes: number,
  ): Promise<(ProjectObject & { bytes: Uint8Array }) | undefined>;
}

/** The app's production project on the runtime and the client to reach it. */
export interface AppProject {
  runtime: RuntimeConsole;
  /** The runtime project: the app's slug, which deploys put its rules and data in. */
  project: string;
}

/**
 * The runtime client and the app's project. `authorize` has already checked the app is the
 * caller's team's, so the slug is read without a team filter.
 *
 * @throws TRPCError PRECONDITION_FAILED when this orchestrator was not given the runtime.
 */
export async function appProjectOf(ctx: AuthorizedContext, appId: string): Promise<AppProject> {
  const { runtime, pool } = ctx.services;
  if (!runtime) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message:
        "the runtime console needs the runtime's admin API (RUNTIME_URL and WINKY_ADMIN_KEY), " +
        "which this orchestrator was not given",
    });
  }
  const { rows } = await pool.query<{ slug: string }>("select slug from apps where id = $1", [
    appId,
  ]);
  if (!rows[0]) throw new TRPCError({ code: "NOT_FOUND", message: `no app ${appId}` });
  return { runtime, project: rows[0].slug };
}

/**
 * Runs a call to the runtime: its refusals (AdminApiError) go up as they are, for `authorize`
 * to map; a runtime that cannot be reached is BAD_GATEWAY in words, not an internal error.
 */
export async function onRuntime<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof TypeError && /fetch failed/i.test(e.message)) {
      throw new TRPCError({
        code: "BAD_GATEWAY",
        message: "the runtime could not be reached; try again once it is up",
      });
    }
    throw e;
  }
}

/**
 * Records a change the console made to the app's project (`console.document.set`, …); `data`
 * names what changed, never its content's secrets (the caller leaves those out).
 */
export async function auditConsoleChange(
  ctx: AuthorizedContext,
  appId: string,
  action: string,
  data: Record<string, unknown>,
): Promise<void> {
  await writeAudit(ctx.services.pool, auditSourceOf(ctx), {
    action,
    targetType: "app",
    targetId: appId,
    data,
  });
}
