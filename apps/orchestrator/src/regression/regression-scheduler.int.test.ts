import { randomUUID } from "node:crypto";
import { migrate } from "@winky/db";
import { eventually, testRedisUrl, useTestDatabase, useTestRedis } from "@winky/testing";
import Dockerode from "dockerode";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  isRegressionScheduleError,
  RegressionScheduler,
  startRegressionWorker,
  type RegressionWorker,
} from "./index.js";
import { insertTeam } from "./regression.test-bed.js";

/**
 * The regression queue on real PostgreSQL and Redis, without Docker: each team's job scheduler,
 * and what the worker does with jobs that check no app (bad payloads, deleted teams, teams
 * with nothing deployed). The smoke itself: `regression.int.test.ts`.
 */
describe("the regression queue", () => {
  const database = useTestDatabase("regression_queue");
  const redis = useTestRedis("regression-queue");
  let pool: pg.Pool;
  let scheduler: RegressionScheduler;
  let worker: RegressionWorker | undefined;
  let nightly: string;
  let weekdays: string;

  const startWorker = () =>
    startRegressionWorker({
      pool,
      connection: testRedisUrl(),
      prefix: redis.prefix,
      // Never reached: no job here gets to a smoke.
      docker: new Dockerode(),
      builderImage: "winky/sandbox-builder:unused",
      runtimeUrl: "http://127.0.0.1:1",
      operatorKey: "unused-operator-key",
      dataDir: "/nonexistent",
    });
  const runCount = async () =>
    (await pool.query<{ n: number }>(`select count(*)::int as n from runs`)).rows[0]!.n;

  beforeAll(async () => {
    await migrate(database.url);
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    scheduler = new RegressionScheduler({ pool, connection: testRedisUrl(), prefix: redis.prefix });
    nightly = await insertTeam(pool, "nightly");
    weekdays = await insertTeam(pool, "weekdays");
  });
  afterAll(async () => {
    await worker?.close();
    await scheduler?.close();
    await pool?.end();
  });

  describe("scheduling", () => {
    it("registers each team's scheduler: nightly by default, else the team's cron and zone", async () => {
      await pool.query(
        `update teams set regression_cron = '30 4 * * 1-5', regression_time_zone = 'Europe/Paris'
          where id = $1`,
        [weekdays],
      );
      expect(await scheduler.syncAll()).toEqual({ synced: 2, failed: [] });
      const schedulers = await scheduler.queue.getJobSchedulers();
      const byKey = Object.fromEntries(schedulers.map((s) => [s.key, s]));
      expect(Object.keys(byKey).sort()).toEqual([`team-${nightly}`, `team-${weekdays}`].sort());
      expect(byKey[`team-${nightly}`]).toMatchObject({
        name: "regression",
        pattern: "0 3 * * *",
        tz: "UTC",
        template: { data: { teamId: nightly } },
      });
      expect(byKey[`team-${weekdays}`]).toMatchObject({
        pattern: "30 4 * * 1-5",
        tz: "Europe/Paris",
      });
    });

    it("replaces a team's scheduler when its schedule changes, never adding a second", async () => {
      await pool.query(`update teams set regression_cron = '0 22 * * *' where id = $1`, [nightly]);
      expect(await scheduler.sync(nightly)).toEqual({ pattern: "0 22 * * *", tz: "UTC" });
      expect(await scheduler.queue.getJobSchedulersCount()).toBe(2);
      expect(await scheduler.queue.getJobScheduler(`team-${nightly}`)).toMatchObject({
        pattern: "0 22 * * *",
      });
    });

    it("keeps the last good schedule when the stored one is refused, naming the field", async () => {
      await pool.query(`update teams set regression_cron = '*/5 * * * *' where id = $1`, [
        weekdays,
      ]);
      const refused = await scheduler.sync(weekdays).catch((e: unknown) => e);
      expect(isRegressionScheduleError(refused)).toBe(true);
      expect((refused as Error).message).toMatch(/^regressionCron: '\*\/5 \* \* \* \*' fires/);
      expect(await scheduler.queue.getJobScheduler(`team-${weekdays}`)).toMatchObject({
        pattern: "30 4 * * 1-5",
      });
      const { failed } = await scheduler.syncAll();
      expect(failed).toEqual([
        { teamId: weekdays, error: expect.stringMatching(/^regressionCron/) },
      ]);
    });

    it("removes a team's scheduler, and that of a team that no longer exists on sync", async () => {
      await scheduler.remove(weekdays);
      await pool.query(`delete from teams where id = $1`, [nightly]);
      expect(await scheduler.sync(nightly)).toBeNull();
      expect(await scheduler.queue.getJobSchedulers()).toEqual([]);
      await scheduler.remove(weekdays); // idempotent
    });
  });

  describe("checking now", () => {
    it("queues an app's check once, however often it is asked for", async () => {
      const appId = randomUUID();
      const first = await scheduler.checkNow(weekdays, appId);
      const second = await scheduler.checkNow(weekdays, appId);
      expect(second.id).toBe(first.id);
      expect(await scheduler.queue.getJobCountByTypes("waiting", "prioritized")).toBe(1);
    });
  });

  describe("the worker", () => {
    beforeAll(() => {
      worker = startWorker();
    });

    it("fails a job with a bad payload at once, without retries", async () => {
      const job = await scheduler.queue.add("regression", { teamId: "team-1" }, { attempts: 3 });
      const failed = await eventually(async () => {
        const current = await scheduler.queue.getJob(job.id!);
        expect(await current!.getState()).toBe("failed");
        return current!;
      });
      expect(failed.attemptsMade).toBe(1);
      expect(failed.failedReason).toBe(
        `regression job ${job.id} has a bad payload: teamId: Invalid UUID`,
      );
      expect(await runCount()).toBe(0);
    });

    it("queues nothing for a team with no deployed app, and runs no check of an undeployed one", async () => {
      const team = await scheduler.checkNow(weekdays);
      await eventually(async () => expect(await team.getState()).toBe("completed"));
      expect((await scheduler.queue.getJob(team.id!))!.returnvalue).toEqual({ queued: 0 });
      await eventually(async () =>
        expect(await scheduler.queue.getJobCountByTypes("waiting", "active")).toBe(0),
      );
      expect(await runCount()).toBe(0);
    });

    it("removes the scheduler of a team deleted since it was scheduled", async () => {
      const gone = await insertTeam(pool, "gone");
      await scheduler.sync(gone);
      await pool.query(`delete from teams where id = $1`, [gone]);
      const job = await scheduler.checkNow(gone);
      await eventually(async () => expect(await job.getState()).toBe("completed"));
      expect(await scheduler.queue.getJobScheduler(`team-${gone}`)).toBeUndefined();
    });
  });
});
