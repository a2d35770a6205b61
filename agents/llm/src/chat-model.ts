import { ChatOpenAI } from "@langchain/openai";
import { guardedFetch, type PromptGuard } from "@winky/prompt-guard";
import type { LlmConfig } from "./llm-config.js";

/**
 * The agents' chat model: OpenAI's API shape at `config.baseURL`, every request body through
 * the prompt guard (no agent can send around it), a timeout per call, and few retries (a
 * budgeted run should not wait minutes on a failing server).
 */
export function createChatModel(
  config: Pick<LlmConfig, "baseURL" | "apiKey" | "model">,
  options: { guard: PromptGuard; timeoutMs?: number; maxRetries?: number; temperature?: number },
): ChatOpenAI {
  return new ChatOpenAI({
    model: config.model,
    apiKey: config.apiKey,
    temperature: options.temperature ?? 0,
    timeout: options.timeoutMs ?? 120_000,
    maxRetries: options.maxRetries ?? 2,
    configuration: {
      ...(config.baseURL ? { baseURL: config.baseURL } : {}),
      fetch: guardedFetch(options.guard),
    },
  });
}
