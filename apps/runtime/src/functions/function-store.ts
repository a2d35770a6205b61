import type { LogLine } from "@winky/sandbox";
import type pg from "pg";
import type { FunctionConfig, FunctionTrigger } from "./function-config.js";

/** A version of a function as stored; the highest version of a name is live. */
export interface StoredFunction {
  projectId: string;
  name: string;
  version: number;
  bundle: string;
  config: FunctionConfig;
  trigger: FunctionTrigger;
  createdAt: string;
}

/** A function without its bundle: what listing and matching triggers need. */
export type FunctionSummary = Omit<StoredFunction, "bundle"> & {
  /** When its first version still kept was deployed (from `list`): older events are not its. */
  firstDeployedAt?: string;
};

export interface FunctionLog {
  version: number;
  lines: LogLine[];
  durationMs: number;
  /** null when the invocation succeeded. */
  errorKind: string | null;
  createdAt: string;
}

interface Row {
  project_id: string;
  name: string;
  version: number;
  bundle: string;
  config: FunctionConfig;
  trigger: FunctionTrigger;
  created_at: Date;
  first_deployed_at?: Date;
}

const toSummary = (r: Omit<Row, "bundle">): FunctionSummary => ({
  projectId: r.project_id,
  name: r.name,
  version: r.version,
  config: r.config,
  trigger: r.trigger,
  createdAt: r.created_at.toISOString(),
  ...(r.first_deployed_at ? { firstDeployedAt: r.first_deployed_at.toISOString() } : {}),
});

const toFunction = (r: Row): StoredFunction => ({ ...toSummary(r), bundle: r.bundle });

const LIVE = `select distinct on (name) project_id, name, version, bundle, config, trigger, created_at
                from runtime.functions`;

/** `runtime.functions`, `runtime.function_logs` and `runtime.function_schedules`. */
export class FunctionStore {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Adds the next version of `name`; a concurrent deploy of the same name retries once. The
   * function's schedule (`nextRunAt` for a scheduled one, none otherwise) changes in the same
   * statement.
   */
  async deploy(
    projectId: string,
    name: string,
    fn: {
      bundle: string;
      /** The source as sent, kept so the project can be exported and deployed elsewhere. */
      source?: string;
      config: FunctionConfig;
      trigger: FunctionTrigger;
      nextRunAt?: Date;
    },
  ): Promise<StoredFunction> {
    for (let attempt = 0; ; attempt++) {
      try {
        const { rows } = await this.pool.query<Row>(
          `with deployed as (
             insert into runtime.functions
               (project_id, name, version, bundle, config, trigger, source)
             select $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5, $7
               from runtime.functions where project_id = $1 and name = $2
             returning *),
           scheduled as (
             insert into runtime.function_schedules (project_id, name, next_run_at)
             select $1, $2, $6 where $6::timestamptz is not null
             on conflict (project_id, name) do update set next_run_at = excluded.next_run_at),
           unscheduled as (
             delete from runtime.function_schedules
              where project_id = $1 and name = $2 and $6::timestamptz is null)
           select * from deployed`,
          [
            projectId,
            name,
            fn.bundle,
            JSON.stringify(fn.config),
            JSON.stringify(fn.trigger),
            fn.nextRunAt?.toISOString() ?? null,
            fn.source ?? null,
          ],
        );
        return toFunction(rows[0]!);
      } catch (e) {
        // Two deploys took the same number: the primary key refused the second.
        if ((e as { code?: string }).code !== "23505" || attempt > 2) throw e;
      }
    }
  }

  /** The live version of `name`, or undefined. */
  async live(projectId: string, name: string): Promise<StoredFunction | undefined> {
    const { rows } = await this.pool.query<Row>(
      `${LIVE} where project_id = $1 and name = $2 order by name, version desc`,
      [projectId, name],
    );
    return rows[0] && toFunction(rows[0]);
  }

  /** The live version of `name` with its deployed source (null: deployed before it was kept). */
  async liveSource(
    projectId: string,
    name: string,
  ): Promise<(FunctionSummary & { source: string | null }) | undefined> {
    const { rows } = await this.pool.query<Omit<Row, "bundle"> & { source: string | null }>(
      `select project_id, name, version, config, trigger, created_at, source
         from runtime.functions where project_id = $1 and name = $2
        order by version desc limit 1`,
      [projectId, name],
    );
    return rows[0] && { ...toSummary(rows[0]), source: rows[0].source };
  }

  /**
   * Every function's live version, by name, without bundles (they may weigh megabytes, and
   * every event lists the project's functions to match triggers).
   */
  async list(projectId: string): Promise<FunctionSummary[]> {
    const { rows } = await this.pool.query<Omit<Row, "bundle">>(
      `select distinct on (name) project_id, name, version, config, trigger, created_at,
              min(created_at) over (partition by name) as first_deployed_at
         from runtime.functions where project_id = $1 order by name, version desc`,
      [projectId],
    );
    return rows.map(toSummary);
  }

  /** Removes every version and the logs; resolves the versions removed (none: 0). */
  async delete(projectId: string, name: string): Promise<number[]> {
    const { rows } = await this.pool.query<{ version: number }>(
      "delete from runtime.functions where project_id = $1 and name = $2 returning version",
      [projectId, name],
    );
    await this.pool.query(
      `with schedule as (
         delete from runtime.function_schedules where project_id = $1 and name = $2)
       delete from runtime.function_logs where project_id = $1 and name = $2`,
      [projectId, name],
    );
    return rows.map((r) => r.version);
  }

  async appendLog(
    projectId: string,
    name: string,
    log: Omit<FunctionLog, "createdAt">,
  ): Promise<void> {
    await this.pool.query(
      `insert into runtime.function_logs (project_id, name, version, lines, duration_ms, error_kind)
       values ($1, $2, $3, $4, $5, $6)`,
      [
        projectId,
        name,
        log.version,
        JSON.stringify(log.lines),
        Math.round(log.durationMs),
        log.errorKind,
      ],
    );
  }

  /** The most recent invocations' logs, newest first. */
  async logs(projectId: string, name: string, limit = 100): Promise<FunctionLog[]> {
    const { rows } = await this.pool.query<{
      version: number;
      lines: LogLine[];
      duration_ms: number;
      error_kind: string | null;
      created_at: Date;
    }>(
      `select version, lines, duration_ms, error_kind, created_at from runtime.function_logs
        where project_id = $1 and name = $2 order by id desc limit $3`,
      [projectId, name, limit],
    );
    return rows.map((r) => ({
      version: r.version,
      lines: r.lines,
      durationMs: r.duration_ms,
      errorKind: r.error_kind,
      createdAt: r.created_at.toISOString(),
    }));
  }

  /** Housekeeping: drops logs written before `before`; resolves how many. */
  async purgeLogs(before: Date): Promise<number> {
    const { rowCount } = await this.pool.query(
      "delete from runtime.function_logs where created_at < $1",
      [before],
    );
    return rowCount ?? 0;
  }
}
