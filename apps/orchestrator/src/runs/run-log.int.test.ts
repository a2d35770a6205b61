import { apps, createDb, migrate, runs, teams, type DatabaseHandle } from "@winky/db";
import { useTestDatabase } from "@winky/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresRunLog, RUN_EVENTS_CHANNEL } from "./run-log.js";

describe("the run log", () => {
  const database = useTestDatabase("orchestrator_run_log");
  let handle: DatabaseHandle;
  let pool: pg.Pool;
  let runId: string;

  beforeAll(async () => {
    await migrate(database.url);
    handle = createDb(database.url, { maxConnections: 2 });
    pool = new pg.Pool({ connectionString: database.url });
    const [team] = await handle.db.insert(teams).values({ slug: "acme", name: "Acme" }).returning();
    const [app] = await handle.db
      .insert(apps)
      .values({ teamId: team!.id, slug: "notes", name: "Notes" })
      .returning();
    const [run] = await handle.db
      .insert(runs)
      .values({ appId: app!.id, teamId: team!.id, prompt: "a notes app", engine: "offline" })
      .returning();
    runId = run!.id;
  });
  afterAll(async () => {
    await pool?.end();
    await handle?.close();
  });

  it("numbers a run's events without gaps, even when appends race, and announces each", async () => {
    const listener = await pool.connect();
    const heard: string[] = [];
    listener.on("notification", (n) => heard.push(n.payload ?? ""));
    await listener.query(`listen ${RUN_EVENTS_CHANNEL}`);
    const log = new PostgresRunLog(pool);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => log.progress(runId, "test", `line ${i}`)),
    );
    const { rows } = await pool.query<{ seq: number }>(
      "select seq from run_events where run_id = $1 order by seq",
      [runId],
    );
    expect(rows.map((r) => r.seq)).toEqual([...Array(12).keys()]);
    await expect
      .poll(() => [...heard].sort(), { timeout: 10_000 })
      .toEqual(rows.map((r) => `${runId}:${r.seq}`).sort());
    listener.release();
  });

  it("moves the run's status with each node, and records a failure", async () => {
    const log = new PostgresRunLog(pool);
    await log.started(runId, "code");
    const status = async () =>
      (await pool.query("select status, started_at from runs where id = $1", [runId])).rows[0];
    expect(await status()).toMatchObject({ status: "coding", started_at: expect.any(Date) });
    await log.finished(runId, "fail", { durationMs: 0, summary: "tests failed twice" });
    const last = await pool.query(
      "select type, node, payload from run_events where run_id = $1 order by seq desc limit 1",
      [runId],
    );
    expect(last.rows[0]).toEqual({
      type: "run.failed",
      node: "fail",
      payload: { durationMs: 0, summary: "tests failed twice" },
    });
  });

  it("ends a run with its last event in one transaction, past an append racing for its seq", async () => {
    const log = new PostgresRunLog(pool);
    const events = async () =>
      (
        await pool.query<{ seq: number; type: string }>(
          "select seq, type from run_events where run_id = $1 order by seq",
          [runId],
        )
      ).rows;
    const next = (await events()).length;
    // Another process holds the next seq, uncommitted: finish's insert waits on it, is then
    // refused by the unique key, and must take the following one without losing its update.
    const other = await pool.connect();
    try {
      await other.query("begin");
      await other.query(
        "insert into run_events (run_id, seq, type, node, payload) values ($1, $2, 'node.progress', 'test', '{}')",
        [runId, next],
      );
      const finishing = log.finish(runId, "succeeded");
      await expect
        .poll(
          async () => {
            const { rows } = await pool.query<{ n: number }>(
              `select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'`,
            );
            return rows[0]!.n;
          },
          { timeout: 10_000 },
        )
        .toBe(1);
      // Until finish commits, nobody sees the run ended.
      const { rows } = await pool.query("select finished_at from runs where id = $1", [runId]);
      expect(rows[0]!.finished_at).toBeNull();
      await other.query("commit");
      await finishing;
    } finally {
      other.release();
    }
    expect((await events()).slice(next)).toEqual([
      { seq: next, type: "node.progress" },
      { seq: next + 1, type: "run.succeeded" },
    ]);
    const { rows } = await pool.query("select status from runs where id = $1", [runId]);
    expect(rows[0]!.status).toBe("succeeded");
    // A second end changes nothing and logs nothing.
    await log.finish(runId, "failed", { code: "late", message: "too late" });
    expect(await events()).toHaveLength(next + 2);
  });
});
