import { isIP } from "node:net";
import type { CreateFastifyContextOptions } from "@trpc/server/adapters/fastify";
import type pg from "pg";
import type { RunControl } from "../queue/run-control.js";
import type { RuntimeConsole } from "./routers/console-runtime.js";
import type { AuditSource } from "./audit.js";
import { ApiTokenAuthenticator } from "./auth/api-token-authenticator.js";
import {
  authenticateRequest,
  type Authentication,
  type Authenticator,
  type Caller,
} from "./auth/authenticator.js";
import { RunEventsHub } from "./events/run-events-hub.js";

/** Releases an earlier hosting version of a project: the runtime's `AdminClient` does. */
export interface SiteReleaser {
  /** @throws AdminApiError when the runtime refuses (no such version, not finalized). */
  releaseSite(project: string, version: number): Promise<unknown>;
}

/** Keeps a team's regression schedule in step with its settings (the scheduler's job). */
export interface ScheduleSync {
  sync(teamId: string): Promise<void>;
}

/** How the run events subscription waits; the defaults suit production. */
export interface RunEventsTiming {
  /** Re-reads a live run this often even without a notification (a missed one, a status). */
  pollIntervalMs?: number;
  /** How long a finished run's stream waits for its last event before it ends anyway. */
  finishGraceMs?: number;
}

/** What the API needs: the platform database and the run operations; the rest is optional. */
export interface ApiDeps {
  pool: pg.Pool;
  runs: RunControl;
  /** Asked in turn for each request; default: API tokens only. */
  authenticators?: readonly Authenticator[];
  /** Without it, `apps.rollback` answers PRECONDITION_FAILED. */
  hosting?: SiteReleaser;
  /**
   * The runtime's admin API with the operator key, for the `console.*` procedures (an
   * `AdminClient` does); without it they answer PRECONDITION_FAILED.
   */
  runtime?: RuntimeConsole;
  /** Called after a team's regression settings change. */
  schedules?: ScheduleSync;
  events?: RunEventsTiming;
  /**
   * Where the workers keep runs' artifacts (`runs/<id>/…`) and apps' repositories
   * (`repos/<slug>`); without it, what is read from there answers PRECONDITION_FAILED.
   */
  dataDir?: string;
}

/** The API's long-lived parts, made once per app: the deps and the shared LISTEN connection. */
export interface ApiServices extends Omit<ApiDeps, "authenticators" | "events"> {
  authenticators: readonly Authenticator[];
  hub: RunEventsHub;
  events: Required<RunEventsTiming>;
}

/** Where the API writes what goes wrong; Fastify's request logger fits. */
export interface ApiLogger {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** What every procedure sees: the services, who calls (or why they were refused), from where. */
export interface ApiContext {
  services: ApiServices;
  authentication: Authentication;
  ip: string | null;
  log: ApiLogger;
}

/** The context after the `authorize` middleware: the caller is known and allowed. */
export interface AuthorizedContext extends ApiContext {
  caller: Caller;
}

/** Makes the services from the deps; `close()` them with the app (the hub holds a connection). */
export function createApiServices(deps: ApiDeps): ApiServices {
  const { authenticators, events, ...rest } = deps;
  return {
    ...rest,
    authenticators: authenticators ?? [new ApiTokenAuthenticator(deps.pool)],
    hub: new RunEventsHub(deps.pool),
    events: {
      pollIntervalMs: events?.pollIntervalMs ?? 5_000,
      finishGraceMs: events?.finishGraceMs ?? 2_000,
    },
  };
}

/** The tRPC `createContext` for the Fastify adapter: authenticates every request once. */
export function createContextFactory(services: ApiServices) {
  return async ({ req }: CreateFastifyContextOptions): Promise<ApiContext> => ({
    services,
    authentication: await authenticateRequest(services.authenticators, req.headers),
    ip: isIP(req.ip) ? req.ip : null,
    log: req.log,
  });
}

/** The audit row's who and where for a request by `ctx.caller`. */
export function auditSourceOf(ctx: AuthorizedContext): AuditSource {
  return { teamId: ctx.caller.teamId, actor: ctx.caller.actor, ip: ctx.ip };
}
