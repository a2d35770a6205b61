import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import type pg from "pg";

/** The PostgreSQL schema LangGraph's checkpoint tables live in, apart from the platform's. */
export const CHECKPOINT_SCHEMA = "langgraph";

/**
 * LangGraph's PostgreSQL checkpointer on `pool`, its tables created when missing (`setup` is
 * idempotent). Every node's result is saved under the run's id (the graph's `thread_id`), so
 * any worker can resume a run another one started.
 */
export async function createCheckpointer(pool: pg.Pool): Promise<PostgresSaver> {
  const saver = new PostgresSaver(pool, undefined, { schema: CHECKPOINT_SCHEMA });
  await saver.setup();
  return saver;
}
