import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import type pg from "pg";
import { CHECKPOINT_SCHEMA } from "../../pipeline/checkpointer.js";
import { badInput } from "../api-errors.js";

/** A run's pipeline state as one checkpoint saved it: the graph's channels, unvalidated. */
export interface SavedState {
  checkpointId: string;
  savedAt: string;
  /** The superstep the checkpoint was taken after (LangGraph's `metadata.step`). */
  step: number | null;
  values: Record<string, unknown>;
}

/** The app's files after one `code` node: the round it was, and path → content. */
export interface CodeRound {
  round: number;
  files: Record<string, string>;
  /** The round's newest state: its checks' reports are the ones this round's code got. */
  values: Record<string, unknown>;
}

/**
 * One saver per pool, never `setup()`: the API only reads, and making or migrating the
 * checkpoint tables is the workers' business (`createCheckpointer`).
 */
const savers = new WeakMap<pg.Pool, PostgresSaver>();
function saverFor(pool: pg.Pool): PostgresSaver {
  let saver = savers.get(pool);
  if (!saver) {
    saver = new PostgresSaver(pool, undefined, { schema: CHECKPOINT_SCHEMA });
    savers.set(pool, saver);
  }
  return saver;
}

/** The run's graph thread (its id), at the root namespace: the pipeline has no subgraphs. */
const threadOf = (runId: string) => ({ configurable: { thread_id: runId, checkpoint_ns: "" } });

/**
 * A database with no checkpoint tables yet (no worker ever ran) holds no run's state:
 * undefined_table and invalid_schema_name read as "nothing saved", anything else is an error.
 */
async function orNothing<T>(read: Promise<T>, nothing: T): Promise<T> {
  try {
    return await read;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === "42P01" || code === "3F000") return nothing;
    throw e;
  }
}

/** The run's latest saved state, or null before its first node was saved. */
export async function latestState(pool: pg.Pool, runId: string): Promise<SavedState | null> {
  const tuple = await orNothing(saverFor(pool).getTuple(threadOf(runId)), undefined);
  if (!tuple) return null;
  const step = (tuple.metadata as { step?: unknown } | undefined)?.step;
  return {
    checkpointId: tuple.checkpoint.id,
    savedAt: tuple.checkpoint.ts,
    step: typeof step === "number" ? step : null,
    values: tuple.checkpoint.channel_values as Record<string, unknown>,
  };
}

/**
 * The files after each code round, oldest round first, from the run's checkpoint history.
 * Only `code` writes `files`, and it writes `round` with them, so every checkpoint holding
 * files of round N holds that round's files: the newest one of each round is kept.
 */
export async function codeRounds(pool: pg.Pool, runId: string): Promise<CodeRound[]> {
  const history = async () => {
    const rounds = new Map<number, CodeRound>();
    for await (const tuple of saverFor(pool).list(threadOf(runId))) {
      const values = tuple.checkpoint.channel_values as Record<string, unknown>;
      const files = filesOf(values);
      const round = roundOf(values);
      if (files && round !== null && !rounds.has(round))
        rounds.set(round, { round, files, values });
    }
    return [...rounds.values()].sort((a, b) => a.round - b.round);
  };
  return orNothing(history(), []);
}

/** The state's files (path → content), or null before the first code round. */
export function filesOf(values: Record<string, unknown>): Record<string, string> | null {
  const files = values.files;
  if (!files || typeof files !== "object") return null;
  return Object.fromEntries(
    Object.entries(files as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    ),
  );
}

/** The state's code round, or null when no code was written yet. */
export function roundOf(values: Record<string, unknown>): number | null {
  if (!filesOf(values)) return null;
  return typeof values.round === "number" ? values.round : 0;
}

/**
 * The files of round `round` (the latest state's when undefined), checked: a round the run
 * has not had, or a run with no code yet, is refused naming the field.
 */
export async function filesAt(
  pool: pg.Pool,
  runId: string,
  round: number | undefined,
): Promise<CodeRound> {
  if (round === undefined) {
    const latest = await latestState(pool, runId);
    const files = latest && filesOf(latest.values);
    if (!latest || !files) throw badInput("path", "the run has no code yet");
    return { round: roundOf(latest.values) ?? 0, files, values: latest.values };
  }
  const rounds = await codeRounds(pool, runId);
  const found = rounds.find((r) => r.round === round);
  if (found) return found;
  if (rounds.length === 0) throw badInput("round", "the run has no code round yet");
  const known = rounds.map((r) => r.round).join(", ");
  throw badInput("round", `the run has no code round ${round}; its rounds are ${known}`);
}
