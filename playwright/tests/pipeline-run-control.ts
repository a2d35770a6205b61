import {
  buildPipeline,
  createCheckpointer,
  PostgresRunLog,
  RunService,
  type Actor,
  type ApprovalDecision,
  type CreateRunInput,
  type RunControl,
} from "@winky/orchestrator";
import type pg from "pg";
import { seededSteps } from "./run-artifacts-seed.js";

/**
 * The real pipeline behind the API, in this process instead of on the queue: runs are planned,
 * previewed and coded by the offline engine (wireframes in `dataDir`), with scripted checks,
 * commit and deploy (`seededSteps`). Like the queued control, `create` and `decide` record and
 * return; the run moves in the background (`settled()` waits for it).
 */
export class PipelineRunControl implements RunControl {
  private readonly moving = new Set<Promise<unknown>>();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly service: RunService,
  ) {}

  static async open(pool: pg.Pool, dataDir: string): Promise<PipelineRunControl> {
    const log = new PostgresRunLog(pool);
    const pipeline = buildPipeline(seededSteps(dataDir, new Map()), {
      log,
      checkpointer: await createCheckpointer(pool),
    });
    return new PipelineRunControl(pool, new RunService(pool, pipeline, log));
  }

  async create(input: CreateRunInput): Promise<{ runId: string; appId: string }> {
    const runId = await this.service.create({ ...input, engine: input.engine ?? "offline" });
    this.move(this.service.start(runId));
    const { rows } = await this.pool.query<{ app_id: string }>(
      "select app_id from runs where id = $1",
      [runId],
    );
    return { runId, appId: rows[0]!.app_id };
  }

  async decide(runId: string, decision: ApprovalDecision, by: Actor): Promise<void> {
    const answer = { ...decision, by: by.label };
    const recorded = this.service.recordDecision(runId, answer);
    // Counted as moving from the start: a test that sees the decision in the database and
    // waits for `settled()` must not find nothing moving yet.
    this.move(recorded.then(({ kind }) => this.service.applyDecision(runId, { ...answer, kind })));
    await recorded;
  }

  cancel(): Promise<never> {
    return Promise.reject(new Error("these tests cancel no runs"));
  }

  retry(): Promise<never> {
    return Promise.reject(new Error("these tests retry no runs"));
  }

  /** Waits until every run it moved has stopped (at a gate, or at its end). */
  async settled(): Promise<void> {
    while (this.moving.size > 0) await Promise.allSettled([...this.moving]);
  }

  private move(work: Promise<unknown>): void {
    // A run that fails says so in its status and events; a refused decision, to its caller.
    const tracked = work.then(
      () => undefined,
      () => undefined,
    );
    void tracked.finally(() => this.moving.delete(tracked));
    this.moving.add(tracked);
  }
}
