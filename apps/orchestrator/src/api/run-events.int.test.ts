import { createWinkyClient, isWinkyApiError, type WinkyClient } from "@winky/api-client";
import { migrate } from "@winky/db";
import { eventually, useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresRunLog } from "../runs/run-log.js";
import { createTeam, seedRun, startApi, type ApiHarness } from "./api.test-bed.js";

interface Received {
  id: string;
  seq: number;
  type: string;
}

/** Follows a run's events through the client, keeping what arrives and how the stream ended. */
function follow(
  client: WinkyClient,
  input: { runId: string; lastEventId?: string; afterSeq?: number },
) {
  const received: Received[] = [];
  let end!: (outcome: unknown) => void;
  const ended = new Promise<unknown>((resolve) => (end = resolve));
  const subscription = client.runs.events.subscribe(input, {
    onData: (event) => received.push({ id: event.id, seq: event.data.seq, type: event.data.type }),
    onComplete: () => end("complete"),
    onError: (error) => end(error),
  });
  return { received, ended, stop: () => subscription.unsubscribe() };
}

describe("following a run's events", () => {
  const database = useTestDatabase("api_run_events");
  let api: ApiHarness;
  let client: WinkyClient;
  let teamId: string;
  let log: PostgresRunLog;

  beforeAll(async () => {
    await migrate(database.url);
    api = await startApi(database.url);
    const team = await createTeam(api.pool, "events");
    teamId = team.teamId;
    client = createWinkyClient({ url: api.url, token: team.token });
    log = new PostgresRunLog(api.pool);
  });
  afterAll(() => api?.close());

  const finish = (runId: string, status: "succeeded" | "failed" = "succeeded") =>
    log.finish(runId, status);

  it("sends the past events, then live ones, and ends once the run finished", async () => {
    const { runId } = await seedRun(api.pool, teamId, { status: "coding" });
    for (const node of ["plan", "preview", "code"])
      await log.append(runId, "node.started", node, {});
    const stream = follow(client, { runId });
    await eventually(() => expect(stream.received).toHaveLength(3));
    await log.progress(runId, "code", "wrote 4 files");
    await log.append(runId, "node.finished", "code", { durationMs: 5, summary: "ok" });
    await eventually(() => expect(stream.received).toHaveLength(5));
    await finish(runId);
    expect(await stream.ended).toBe("complete");
    expect(stream.received.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(stream.received.map((e) => e.id)).toEqual(["0", "1", "2", "3", "4", "5"]);
    expect(stream.received.at(-1)!.type).toBe("run.succeeded");
  });

  it("resumes after the last event id it got, without repeating one", async () => {
    const { runId } = await seedRun(api.pool, teamId, { status: "testing" });
    for (let i = 0; i < 4; i++) await log.progress(runId, "test", `line ${i}`);
    const first = follow(client, { runId });
    await eventually(() => expect(first.received).toHaveLength(4));
    first.stop();
    const lastEventId = first.received.at(-1)!.id;
    // Appended while no one listens: the resumed stream must start with these.
    await log.progress(runId, "test", "line 4");
    await log.progress(runId, "test", "line 5");
    const second = follow(client, { runId, lastEventId });
    await eventually(() => expect(second.received).toHaveLength(2));
    await finish(runId, "failed");
    expect(await second.ended).toBe("complete");
    const seqs = [...first.received, ...second.received].map((e) => e.seq);
    expect(seqs).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("starts after afterSeq, and ends at once for a finished run whose events were all sent", async () => {
    const { runId } = await seedRun(api.pool, teamId, { status: "coding" });
    for (let i = 0; i < 3; i++) await log.progress(runId, "code", `step ${i}`);
    await finish(runId);
    const tail = follow(client, { runId, afterSeq: 1 });
    expect(await tail.ended).toBe("complete");
    expect(tail.received.map((e) => e.seq)).toEqual([2, 3]);
    const nothing = follow(client, { runId, lastEventId: "3" });
    expect(await nothing.ended).toBe("complete");
    expect(nothing.received).toEqual([]);
  });

  it("ends a finished run's stream after the grace period when its last event never comes", async () => {
    const { runId } = await seedRun(api.pool, teamId, { status: "coding" });
    await log.progress(runId, "code", "step");
    // The status alone, as a cancel writes it before its event: the stream waits, then ends.
    await api.pool.query(
      "update runs set status = 'cancelled', finished_at = now() where id = $1",
      [runId],
    );
    const stream = follow(client, { runId });
    expect(await stream.ended).toBe("complete");
    expect(stream.received.map((e) => e.type)).toEqual(["node.progress"]);
  });

  it("shares one LISTEN connection among all subscribers, and gives it back after the last", async () => {
    const listening = async () => {
      const { rows } = await api.pool.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where datname = current_database() and query ilike 'listen %'`,
      );
      return rows[0]!.n;
    };
    const runs = await Promise.all(
      [1, 2, 3].map(() => seedRun(api.pool, teamId, { status: "coding" })),
    );
    for (const { runId } of runs) await log.progress(runId, "code", "started");
    const streams = runs.map(({ runId }) => follow(client, { runId }));
    await eventually(() => streams.forEach((s) => expect(s.received).toHaveLength(1)));
    expect(await listening()).toBe(1);
    for (const { runId } of runs) await log.progress(runId, "code", "still going");
    await eventually(() => streams.forEach((s) => expect(s.received).toHaveLength(2)));
    streams.forEach((s) => s.stop());
    await eventually(async () => expect(await listening()).toBe(0));
  });

  it("refuses a lastEventId that is not a seq, naming the field", async () => {
    const { runId } = await seedRun(api.pool, teamId);
    const stream = follow(client, { runId, lastEventId: "abc" });
    const error = await stream.ended;
    expect(isWinkyApiError(error) && error.code).toBe("BAD_REQUEST");
    expect((error as Error).message).toMatch(/^lastEventId: /);
  });
});
