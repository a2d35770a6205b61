import type pg from "pg";
import type { ScheduleTrigger } from "../function-config.js";
import { SCHEDULE_EVENT } from "../triggers/match-trigger.js";
import { nextRunAfter } from "./cron.js";

interface DueRow {
  project_id: string;
  name: string;
  next_run_at: Date;
  trigger: ScheduleTrigger | { kind: string };
}

/**
 * Fires scheduled functions: every `pollMs` it claims the schedules that are due (`for update
 * skip locked`, so several runtime processes share them and each tick is logged once), appends
 * one `function.scheduled` event per tick to the event log and moves each schedule to its next
 * time, in one transaction. The event then goes the way every event goes (dispatcher, queue,
 * retries, dead letters, replay). Ticks missed while no runtime ran fire once when one starts,
 * not once per missed tick (as Cloud Scheduler does not catch up either).
 */
export class FunctionScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: {
      pollMs?: number;
      /** Called after ticks were logged (the dispatcher's `poke`). */
      onTicks?: (count: number) => void;
      onError?: (e: unknown) => void;
    } = {},
  ) {}

  start(): void {
    const loop = () => {
      this.running = this.fireDue()
        .then((count) => {
          if (count > 0) this.options.onTicks?.(count);
        })
        .catch((e: unknown) => this.options.onError?.(e))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(loop, this.options.pollMs ?? 1_000);
        });
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Logs the ticks due at `now`; resolves how many. */
  async fireDue(now = new Date()): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query("begin");
      const { rows } = await client.query<DueRow>(
        `select s.project_id, s.name, s.next_run_at, f.trigger
           from runtime.function_schedules s
           cross join lateral (
             select trigger from runtime.functions
              where project_id = s.project_id and name = s.name
              order by version desc limit 1) f
          where s.next_run_at <= $1
          order by s.next_run_at limit 100
            for update of s skip locked`,
        [now],
      );
      const ticks = rows.flatMap((r) =>
        r.trigger.kind === "schedule" ? [{ ...r, trigger: r.trigger as ScheduleTrigger }] : [],
      );
      if (ticks.length > 0) {
        await client.query(
          `insert into runtime.events (project_id, kind, subject, time, data)
           select project_id, $1, name, time, data
             from unnest($2::text[], $3::text[], $4::timestamptz[], $5::jsonb[])
               as t(project_id, name, time, data)`,
          [
            SCHEDULE_EVENT,
            ticks.map((t) => t.project_id),
            ticks.map((t) => t.name),
            ticks.map((t) => t.next_run_at),
            ticks.map((t) => ({ schedule: t.trigger.schedule, timeZone: t.trigger.timeZone })),
          ],
        );
        // The next tick after now, not after the due time: missed ticks are not replayed.
        await client.query(
          `update runtime.function_schedules s set next_run_at = t.next
             from unnest($1::text[], $2::text[], $3::timestamptz[]) as t(project_id, name, next)
            where s.project_id = t.project_id and s.name = t.name`,
          [
            ticks.map((t) => t.project_id),
            ticks.map((t) => t.name),
            ticks.map((t) => nextRunAfter(t.trigger, now)),
          ],
        );
      }
      await client.query("commit");
      return ticks.length;
    } catch (e) {
      await client.query("rollback").catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }
}
