import type { ChatCompletionBody, ScriptedError, ScriptedReply, ScriptedUsage } from "./types.js";

/**
 * The JSON documents the server sends, shaped like OpenAI's own answers closely enough that
 * the `openai` client and `@langchain/openai` parse them as they would a real model's:
 * `chat.completion`, `chat.completion.chunk`, the usage block with its details, error bodies.
 */

/** A reply other than an error: what the assistant message holds. */
export type AnswerReply = Exclude<ScriptedReply, { error: ScriptedError }>;

interface ToolCallOut {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

interface Answer {
  content: string | null;
  toolCalls: ToolCallOut[];
  finishReason: string;
}

/** What the message says, with `json` placed as the request's structured-output method needs. */
export function resolveAnswer(
  reply: AnswerReply,
  request: ChatCompletionBody,
  seq: number,
): Answer {
  let content: string | null = reply.content ?? null;
  let calls: { name: string; arguments: unknown; id?: string }[] = reply.toolCalls ?? [];
  if (reply.json !== undefined) {
    const forced = forcedFunction(request);
    if (forced) calls = [{ name: forced, arguments: reply.json }];
    else content = JSON.stringify(reply.json);
  }
  const toolCalls = calls.map((call, i) => ({
    id: call.id ?? `call_${seq}_${i}`,
    type: "function" as const,
    function: {
      name: call.name,
      arguments:
        typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
    },
  }));
  const finishReason = reply.finishReason ?? (toolCalls.length > 0 ? "tool_calls" : "stop");
  return { content: content ?? (toolCalls.length > 0 ? null : ""), toolCalls, finishReason };
}

/** The function a request forces (`withStructuredOutput` with `functionCalling` does). */
function forcedFunction(request: ChatCompletionBody): string | undefined {
  const choice = request.tool_choice;
  if (typeof choice !== "object" || choice === null || !("function" in choice)) return undefined;
  const fn = choice.function;
  return typeof fn === "object" && fn !== null && "name" in fn && typeof fn.name === "string"
    ? fn.name
    : undefined;
}

/** Usage with OpenAI's detail blocks; counts not scripted are estimated at 4 chars a token. */
export function usageBlock(request: ChatCompletionBody, answer: Answer, scripted?: ScriptedUsage) {
  const out = (answer.content ?? "") + answer.toolCalls.map((c) => c.function.arguments).join("");
  const prompt = scripted?.prompt_tokens ?? estimate(JSON.stringify(request.messages));
  const completion = scripted?.completion_tokens ?? estimate(out);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: scripted?.total_tokens ?? prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function estimate(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function envelope(request: ChatCompletionBody, seq: number, object: string) {
  return {
    id: `chatcmpl-scripted-${seq}`,
    object,
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    service_tier: "default",
    system_fingerprint: "fp_scripted",
  };
}

/** A non-streaming `chat.completion`. */
export function completionBody(
  request: ChatCompletionBody,
  seq: number,
  reply: AnswerReply,
): object {
  const answer = resolveAnswer(reply, request, seq);
  return {
    ...envelope(request, seq, "chat.completion"),
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: answer.content,
          refusal: null,
          annotations: [],
          ...(answer.toolCalls.length > 0 ? { tool_calls: answer.toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: answer.finishReason,
      },
    ],
    usage: usageBlock(request, answer, reply.usage),
  };
}

/**
 * The `chat.completion.chunk`s of a streamed answer, as OpenAI sends them: the role first,
 * content word by word, each tool call as a head (id, name) then its arguments in pieces, a
 * last chunk with the finish reason, then (when `stream_options.include_usage`) one with no
 * choices and the usage, every earlier chunk carrying `usage: null`.
 */
export function streamChunks(request: ChatCompletionBody, seq: number, reply: AnswerReply) {
  const answer = resolveAnswer(reply, request, seq);
  const withUsage = request.stream_options?.include_usage === true;
  const base = envelope(request, seq, "chat.completion.chunk");
  const chunk = (delta: object, finish: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(withUsage ? { usage: null } : {}),
  });
  const chunks: object[] = [chunk({ role: "assistant", content: "", refusal: null })];
  for (const piece of answer.content?.match(/\s*\S+\s*|\s+/g) ?? []) {
    chunks.push(chunk({ content: piece }));
  }
  answer.toolCalls.forEach((call, index) => {
    const name = call.function.name;
    const head = { index, id: call.id, type: "function", function: { name, arguments: "" } };
    chunks.push(chunk({ tool_calls: [head] }));
    for (const piece of splitInto(call.function.arguments, 3)) {
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  chunks.push(chunk({}, answer.finishReason));
  if (withUsage) {
    chunks.push({ ...base, choices: [], usage: usageBlock(request, answer, reply.usage) });
  }
  return chunks;
}

function splitInto(text: string, parts: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / parts));
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

const defaultTypes: Record<number, string> = {
  401: "invalid_request_error",
  403: "permission_error",
  404: "invalid_request_error",
  429: "requests",
};

/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
export function errorBody(error: Omit<ScriptedError, "status"> & { status: number }): object {
  const type =
    error.type ??
    defaultTypes[error.status] ??
    (error.status >= 500 ? "server_error" : "invalid_request_error");
  return {
    error: {
      message: error.message,
      type,
      param: error.param ?? null,
      code: error.code ?? null,
    },
  };
}
