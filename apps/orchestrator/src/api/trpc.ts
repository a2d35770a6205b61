import { initTRPC, TRPCError } from "@trpc/server";
import type pg from "pg";
import { apiErrorOf, describeIssues, inputIssuesOf, type InputIssue } from "./api-errors.js";
import type { Caller, Person } from "./auth/authenticator.js";
import type { ApiContext, AuthorizedContext } from "./context.js";
import { hasRole, type Role } from "./roles.js";

/** What a procedure declares: the least role that may call it. */
export interface ApiMeta {
  role: Role;
}

const t = initTRPC
  .context<ApiContext>()
  .meta<ApiMeta>()
  .create({
    // Never send stack traces, whatever NODE_ENV says.
    isDev: false,
    errorFormatter({ shape, error }) {
      const { stack: _stack, ...data } = shape.data;
      const issues: InputIssue[] | null =
        error.code === "BAD_REQUEST" ? (inputIssuesOf(error.cause) ?? null) : null;
      // An internal error's message may quote SQL or a driver's detail: it is logged, not sent.
      const message = issues
        ? describeIssues(issues)
        : error.code === "INTERNAL_SERVER_ERROR"
          ? "internal error: the orchestrator logged the details"
          : shape.message;
      return { ...shape, message, data: { ...data, issues } };
    },
    sse: {
      // Comments every 15 s keep proxies from closing a quiet stream; a client that hears
      // nothing for 45 s reconnects (resuming after the last event it got).
      ping: { enabled: true, intervalMs: 15_000 },
      client: { reconnectAfterInactivityMs: 45_000 },
    },
  });

/** Builds the API's routers. */
export const router = t.router;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one check every procedure goes through: the caller is authenticated, holds the role the
 * procedure declares, and the run or app its input names (`runId`, `appId`) is the caller's
 * team's — an unknown one is NOT_FOUND, another team's FORBIDDEN. Domain errors from below
 * (a run in the wrong state, bad input the run service refused) become their API codes here.
 */
const authorize = t.middleware(async ({ ctx, meta, getRawInput, next }) => {
  if (!ctx.authentication.ok) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.authentication.problem });
  }
  const caller = ctx.authentication.caller;
  if (!meta) throw new Error("a procedure without a role: build it with procedureFor()");
  if (!hasRole(caller.role, meta.role)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `this needs the ${meta.role} role or higher; the caller acts as ${caller.role}`,
    });
  }
  const raw = (await getRawInput()) as Record<string, unknown> | null | undefined;
  if (raw && typeof raw === "object") {
    const { pool } = ctx.services;
    if (typeof raw.runId === "string" && UUID.test(raw.runId)) {
      await assertInTeam(pool, "run", raw.runId, caller.teamId);
    }
    if (typeof raw.appId === "string" && UUID.test(raw.appId)) {
      await assertInTeam(pool, "app", raw.appId, caller.teamId);
    }
  }
  const result = await next({ ctx: { caller } satisfies Partial<AuthorizedContext> });
  if (!result.ok) {
    const mapped = apiErrorOf(result.error.cause);
    if (mapped) throw mapped;
  }
  return result;
});

async function assertInTeam(
  pool: pg.Pool,
  kind: "run" | "app",
  id: string,
  teamId: string,
): Promise<void> {
  const table = kind === "run" ? "runs" : "apps";
  const { rows } = await pool.query<{ team_id: string }>(
    `select team_id from ${table} where id = $1`,
    [id],
  );
  if (!rows[0]) throw new TRPCError({ code: "NOT_FOUND", message: `no ${kind} ${id}` });
  if (rows[0].team_id !== teamId) {
    throw new TRPCError({ code: "FORBIDDEN", message: `${kind} ${id} belongs to another team` });
  }
}

/** Who calls an `account.*` procedure: a person, a caller acting in a team, or both. */
export interface IdentifiedContext extends ApiContext {
  /** Set when the request acts in a team (a token, or a person who named a team). */
  caller: Caller | null;
  /** Set when a person signed in (whether or not a team could be chosen). */
  person: Person | null;
}

/**
 * For what comes before a team: a person signed in but in no team yet (or naming none) may
 * still list their teams and make one. Anyone else authenticated passes too, as their team.
 */
const identify = t.middleware(async ({ ctx, next }) => {
  const { authentication } = ctx;
  const person = authentication.person ?? null;
  const caller = authentication.ok ? authentication.caller : null;
  if (!caller && !person) {
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: authentication.ok ? "no caller" : authentication.problem,
    });
  }
  return next({ ctx: { caller, person } satisfies Partial<IdentifiedContext> });
});

/** A procedure for the authenticated, before any team is chosen (see {@link identify}). */
export const identifiedProcedure = t.procedure.use(identify);

/** A procedure callable by `role` or higher, through {@link authorize}. */
export function procedureFor(role: Role) {
  return t.procedure.meta({ role }).use(authorize);
}
