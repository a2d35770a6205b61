// @winky/llm: what the agents share to talk to a model (OpenAI's API shape, any compatible
// server): the guarded chat model, validated structured answers, usage, cost and budgets.
export { DEFAULT_BUDGET, llmConfigFrom, type LlmConfig, type ModelPrices } from "./llm-config.js";
export { createChatModel } from "./chat-model.js";
export {
  UsageMeter,
  BudgetExceededError,
  type Budget,
  type NodeUsage,
  type TokenUsage,
} from "./usage-meter.js";
export {
  askForObject,
  StructuredAnswerError,
  type StructuredRequest,
} from "./structured-answer.js";
