import { httpUrlField, parseConfig } from "@winky/config";
import { z } from "zod";
import type { Budget } from "./usage-meter.js";

/** Dollars per million tokens, in and out. */
export interface ModelPrices {
  inputPerMillion: number;
  outputPerMillion: number;
}

/**
 * List prices (USD per million tokens) of a few OpenAI models, as published in 2026. A model
 * not listed costs 0 unless `WINKY_MODEL_PRICES` says otherwise (self-hosted models are free
 * per token; their machine is the cost).
 */
const KNOWN_PRICES: Readonly<Record<string, ModelPrices>> = {
  "gpt-4o-mini": { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  "gpt-4o": { inputPerMillion: 2.5, outputPerMillion: 10 },
  "gpt-4.1-mini": { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  "gpt-4.1": { inputPerMillion: 2, outputPerMillion: 8 },
};

/** How the agents reach a model; undefined config means the offline engine. */
export interface LlmConfig {
  /** An OpenAI-compatible base URL (OpenAI, vLLM, Ollama, LM Studio), ending in /v1. */
  baseURL: string | undefined;
  apiKey: string;
  model: string;
  prices: ModelPrices;
  /** Per run: WINKY_RUN_MAX_TOKENS, WINKY_RUN_MAX_DOLLARS, WINKY_RUN_MAX_MINUTES. */
  budget: Budget;
}

/**
 * The default budget of a run, so a looping model cannot spend without end: a generation
 * with the templates doing most of the work needs a fraction of it.
 */
export const DEFAULT_BUDGET = { maxTokens: 1_000_000, maxDollars: 2, maxMs: 30 * 60_000 } as const;

const LlmEnv = z
  .object({
    OPENAI_API_KEY: z.string().min(1).optional(),
    OPENAI_BASE_URL: httpUrlField.optional(),
    WINKY_MODEL: z.string().min(1).max(200).default("gpt-4o-mini"),
    /** `<input>,<output>` dollars per million tokens, e.g. `0.15,0.6`. */
    WINKY_MODEL_PRICES: z
      .string()
      .regex(/^\d+(\.\d+)?,\d+(\.\d+)?$/, "must be '<input>,<output>' dollars per million tokens")
      .optional(),
    WINKY_RUN_MAX_TOKENS: z.coerce.number().int().min(1).optional(),
    WINKY_RUN_MAX_DOLLARS: z.coerce.number().positive().optional(),
    WINKY_RUN_MAX_MINUTES: z.coerce.number().positive().optional(),
  })
  .refine((e) => e.OPENAI_BASE_URL !== undefined || e.OPENAI_API_KEY !== undefined, {
    message: "set OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (a compatible server)",
  });

/**
 * The model settings from the environment: undefined when neither `OPENAI_API_KEY` nor
 * `OPENAI_BASE_URL` is set (runs use the offline engine).
 *
 * @throws ConfigError naming a bad variable (never its value).
 */
export function llmConfigFrom(env: Record<string, string | undefined>): LlmConfig | undefined {
  if (!env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) return undefined;
  const config = parseConfig("model", LlmEnv, env);
  const [input, output] = (config.WINKY_MODEL_PRICES ?? "").split(",").map(Number);
  return {
    baseURL: config.OPENAI_BASE_URL,
    // A local server may want no key; the client insists on a string.
    apiKey: config.OPENAI_API_KEY ?? "not-needed",
    model: config.WINKY_MODEL,
    prices:
      config.WINKY_MODEL_PRICES !== undefined
        ? { inputPerMillion: input!, outputPerMillion: output! }
        : (KNOWN_PRICES[config.WINKY_MODEL] ?? { inputPerMillion: 0, outputPerMillion: 0 }),
    budget: {
      maxTokens: config.WINKY_RUN_MAX_TOKENS ?? DEFAULT_BUDGET.maxTokens,
      maxDollars: config.WINKY_RUN_MAX_DOLLARS ?? DEFAULT_BUDGET.maxDollars,
      maxMs: (config.WINKY_RUN_MAX_MINUTES ?? DEFAULT_BUDGET.maxMs / 60_000) * 60_000,
    },
  };
}
