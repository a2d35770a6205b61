import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { buildApp } from "../app.js";
import type { RunEventsTiming, SiteReleaser } from "./context.js";
import type { RuntimeConsole } from "./routers/console-runtime.js";
import { issueApiToken } from "./auth/api-token.js";
import { bootstrapTeam, type BootstrappedTeam } from "./auth/bootstrap-team.js";
import type { Role } from "./roles.js";
import type { RunControl } from "../queue/run-control.js";
import type { Authenticator } from "./auth/authenticator.js";
import { RecordingRunControl } from "./run-control.test-bed.js";

/** A runtime stand-in that records each release, and refuses the ones it was told to. */
export class RecordingSiteReleaser {
  readonly releases: Array<{ project: string; version: number }> = [];
  refuse: Error | undefined;

  async releaseSite(project: string, version: number): Promise<void> {
    if (this.refuse) throw this.refuse;
    this.releases.push({ project, version });
  }
}

/** The orchestrator with its API on a real port, over a fresh database, with fakes around it. */
export interface ApiHarness {
  /** The API's URL, for `createWinkyClient({ url })`. */
  url: string;
  app: FastifyInstance;
  pool: pg.Pool;
  runs: RecordingRunControl;
  hosting: RecordingSiteReleaser;
  /** The teams whose schedule was synced, in order. */
  synced: string[];
  close(): Promise<void>;
}

/**
 * Starts `buildApp` with the API on 127.0.0.1, port 0, over the (migrated) database. Releases
 * go to `options.hosting` when given (a real `AdminClient`), else to a recording fake.
 */
export async function startApi(
  databaseUrl: string,
  options: {
    events?: RunEventsTiming;
    hosting?: SiteReleaser;
    /** The real run operations (the queue), instead of the recording fake. */
    runs?: (pool: pg.Pool) => RunControl;
    /** Who may call (default: API tokens only). */
    authenticators?: (pool: pg.Pool) => readonly Authenticator[];
    /** Where runs' artifacts and apps' repositories are read from. */
    dataDir?: string;
    /** The runtime console's client (a real `AdminClient`); without it `console.*` refuses. */
    runtime?: RuntimeConsole;
  } = {},
): Promise<ApiHarness> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 8 });
  const runs = new RecordingRunControl(pool);
  const hosting = new RecordingSiteReleaser();
  const synced: string[] = [];
  const app = buildApp({
    pingDatabase: () => pool.query("select 1"),
    pingRedis: async () => "PONG",
    logLevel: "silent",
    api: {
      pool,
      runs: options.runs?.(pool) ?? runs,
      ...(options.authenticators ? { authenticators: options.authenticators(pool) } : {}),
      hosting: options.hosting ?? hosting,
      schedules: { sync: async (teamId) => void synced.push(teamId) },
      events: options.events ?? { pollIntervalMs: 1_000, finishGraceMs: 300 },
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.runtime ? { runtime: options.runtime } : {}),
    },
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/trpc`,
    app,
    pool,
    runs,
    hosting,
    synced,
    close: async () => {
      // Node 20's fetch leaves an unused connection behind each stream it aborts, which
      // `close()` would wait on until the client drops it (4 s): the tests are over, so cut them.
      app.server.closeAllConnections();
      await app.close();
      await pool.end();
    },
  };
}

let teams = 0;

/** A new team with an owner and the owner's token (`bootstrapTeam`). */
export function createTeam(pool: pg.Pool, label: string): Promise<BootstrappedTeam> {
  const n = ++teams;
  return bootstrapTeam(pool, {
    slug: `${label}-${n}`,
    name: `Team ${label}`,
    ownerEmail: `owner-${label}-${n}@example.com`,
    ownerName: `Owner ${label}`,
  });
}

/**
 * A person in the team with `role`, and a personal token of theirs (`tokenRole`: the most the
 * token may do, null for their role).
 */
export async function addMemberWithToken(
  pool: pg.Pool,
  teamId: string,
  email: string,
  role: Role,
  tokenRole: Role | null = null,
): Promise<{ userId: string; token: string; tokenId: string }> {
  const { rows } = await pool.query<{ id: string }>(
    "insert into users (email, display_name) values ($1, $1) returning id",
    [email],
  );
  const userId = rows[0]!.id;
  await pool.query("insert into memberships (team_id, user_id, role) values ($1, $2, $3)", [
    teamId,
    userId,
    role,
  ]);
  const issued = await issueApiToken(pool, {
    teamId,
    userId,
    name: `${role} token`,
    role: tokenRole,
    expiresAt: null,
  });
  return { userId, token: issued.token, tokenId: issued.id };
}

/**
 * A run of the team's app `appSlug` (made when new), in `status`. App slugs are unique across
 * teams (they name runtime projects): the default is the team's own `notes-<team>`.
 */
export async function seedRun(
  pool: pg.Pool,
  teamId: string,
  options: { appSlug?: string; status?: string; kind?: string; createdBy?: string } = {},
): Promise<{ runId: string; appId: string }> {
  const { rows: apps } = await pool.query<{ id: string }>(
    `insert into apps (team_id, slug, name) values ($1, $2, $2)
     on conflict (team_id, slug) do update set name = apps.name returning id`,
    [teamId, options.appSlug ?? `notes-${teamId.slice(0, 8)}`],
  );
  const status = options.status ?? "queued";
  const finished = ["succeeded", "failed", "cancelled"].includes(status);
  const { rows } = await pool.query<{ id: string }>(
    `insert into runs (app_id, team_id, prompt, engine, status, kind, created_by, finished_at)
     values ($1, $2, 'a notes app with tags', 'offline', $3, $4, $5, $6) returning id`,
    [
      apps[0]!.id,
      teamId,
      status,
      options.kind ?? "generation",
      options.createdBy ?? null,
      finished ? new Date() : null,
    ],
  );
  return { runId: rows[0]!.id, appId: apps[0]!.id };
}

/** A pending approval of `kind` on the run, which then waits for it. */
export async function requestApproval(
  pool: pg.Pool,
  runId: string,
  kind: "plan" | "release" = "release",
): Promise<string> {
  await pool.query("update runs set status = $2 where id = $1", [
    runId,
    kind === "plan" ? "awaiting_plan_approval" : "awaiting_approval",
  ]);
  const { rows } = await pool.query<{ id: string }>(
    "insert into approvals (run_id, kind) values ($1, $2) returning id",
    [runId, kind],
  );
  return rows[0]!.id;
}

/** The error `call` was refused with; throws when it was not refused. */
export async function refusal(call: Promise<unknown>): Promise<Error & { code?: unknown }> {
  try {
    await call;
  } catch (e) {
    if (e instanceof Error) return e;
    throw e;
  }
  throw new Error("expected the call to be refused, but it succeeded");
}

/** The team's audit rows for `action`, oldest first. */
export async function auditRows(pool: pg.Pool, teamId: string, action: string) {
  const { rows } = await pool.query<{
    actor_kind: string;
    actor_id: string | null;
    action: string;
    target_type: string | null;
    target_id: string | null;
    data: Record<string, unknown>;
    ip: string | null;
  }>(
    `select actor_kind, actor_id, action, target_type, target_id, data, host(ip) as ip
       from audit_log where team_id = $1 and action = $2 order by id`,
    [teamId, action],
  );
  return rows;
}
