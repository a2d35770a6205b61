import { PostgresRunLog, type PipelineNode } from "@winky/orchestrator";

/**
 * The run log, also told to the terminal: each node's start, progress and end as one line.
 * The events still go to `run_events` first, as for every run.
 */
export class ReportingRunLog extends PostgresRunLog {
  private say: (text: string) => void = () => undefined;

  /** Where lines go from now on (nothing before: `--json` keeps standard output clean). */
  reportTo(say: (text: string) => void): void {
    this.say = say;
  }

  override async started(runId: string, node: PipelineNode | "fail"): Promise<void> {
    await super.started(runId, node);
    if (node !== "fail") this.say(`… ${node}\n`);
  }

  override async finished(
    runId: string,
    node: PipelineNode | "fail",
    result: { durationMs: number; summary: string },
  ): Promise<void> {
    await super.finished(runId, node, result);
    if (node === "fail") this.say(`✗ ${result.summary}\n`);
    else this.say(`✓ ${node} (${(result.durationMs / 1000).toFixed(1)} s): ${result.summary}\n`);
  }

  override async progress(
    runId: string,
    node: PipelineNode,
    message: string,
    payload: object = {},
  ): Promise<void> {
    await super.progress(runId, node, message, payload);
    this.say(`    ${message}\n`);
  }
}
