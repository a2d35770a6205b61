/**
 * Public types of the scripted OpenAI-compatible server. They describe the wire format as
 * `@langchain/openai`'s `ChatOpenAI` (through the `openai` client) sends and parses it, so a
 * test scripts what the model "says" in the same terms the code under test sees.
 */

/** One chat message as a Chat Completions request carries it (only the fields tests read). */
export interface ChatCompletionMessage {
  role: string;
  /** A string, or an array of parts such as `{ type: "text", text }`; null beside tool calls. */
  content?: unknown;
  name?: string;
  tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

/** A `POST /v1/chat/completions` body, as `ChatOpenAI` sends it (other fields kept as sent). */
export interface ChatCompletionBody {
  model: string;
  messages: ChatCompletionMessage[];
  stream?: boolean;
  /** `ChatOpenAI` asks for `{ include_usage: true }` when streaming (its `streamUsage`). */
  stream_options?: { include_usage?: boolean } | null;
  tools?: {
    type: string;
    function?: { name: string; description?: string; parameters?: unknown; strict?: boolean };
  }[];
  /** `"auto"`, `"none"`, `"required"` or `{ type: "function", function: { name } }`. */
  tool_choice?: unknown;
  /** `json_schema` for `withStructuredOutput` (jsonSchema), `json_object` for jsonMode. */
  response_format?: {
    type: string;
    json_schema?: { name: string; description?: string; schema?: unknown; strict?: boolean };
  };
  parallel_tool_calls?: boolean;
  [field: string]: unknown;
}

/** Token counts of a reply; missing ones are estimated (about 4 characters a token). */
export interface ScriptedUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  /** Defaults to prompt + completion. */
  total_tokens?: number;
}

/** A tool call the scripted model makes. */
export interface ScriptedToolCall {
  name: string;
  /** An object (sent as its JSON) or a string sent verbatim, e.g. malformed JSON on purpose. */
  arguments: unknown;
  /** Defaults to `call_<request seq>_<index>`. */
  id?: string;
}

/** An OpenAI-shaped error answer: `{ error: { message, type, param, code } }` with `status`. */
export interface ScriptedError {
  status: number;
  message: string;
  /** Defaults by status: `invalid_request_error`, `requests` (429), `server_error` (5xx). */
  type?: string;
  code?: string | null;
  param?: string | null;
  /**
   * Seconds, sent as `retry-after`. LangChain 1.x retries a 429 only when it carries this
   * header (or "try again in Ns" in the message); a bare 429 fails at once.
   */
  retryAfter?: number;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

/** When the answer comes; both stop early when the client goes away. */
export interface ScriptedTiming {
  /** Wait this long before the status line (a slow model: the client's `timeout` fires). */
  delayMs?: number;
  /** Streaming only: wait this long before each SSE chunk after the first. */
  chunkDelayMs?: number;
}

interface ScriptedAnswer extends ScriptedTiming {
  usage?: ScriptedUsage;
  /** Defaults to `"tool_calls"` when the reply has tool calls, else `"stop"`. */
  finishReason?: "stop" | "length" | "tool_calls" | "content_filter";
}

/**
 * What the model answers to one request. Exactly one of `content`, `json`, `toolCalls` (which
 * may carry `content` too) or `error`:
 * - `json` follows the request: when it forces a function (`tool_choice: { type: "function" }`,
 *   what `withStructuredOutput` sends for `functionCalling`) it becomes that tool call's
 *   arguments; otherwise (`jsonSchema`, `jsonMode`, plain) the message content, as JSON.
 */
export type ScriptedReply =
  | (ScriptedAnswer & { content: string; json?: never; toolCalls?: never; error?: never })
  | (ScriptedAnswer & { json: unknown; content?: never; toolCalls?: never; error?: never })
  | (ScriptedAnswer & {
      toolCalls: ScriptedToolCall[];
      content?: string;
      json?: never;
      error?: never;
    })
  | (ScriptedTiming & { error: ScriptedError; content?: never; json?: never; toolCalls?: never });

/** A reply, or a function computing it from the request (e.g. echoing a message). */
export type ReplySource = ScriptedReply | ((request: ChatCompletionBody) => ScriptedReply);

/**
 * Which requests a rule answers: a predicate, or fields that must all hold.
 * `lastUserMessageIncludes` is a substring of the text of the last `user` message.
 */
export type RequestMatcher =
  | ((request: ChatCompletionBody) => boolean)
  | {
      model?: string;
      lastUserMessageIncludes?: string;
      /** Whether the request offers any tool. */
      hasTools?: boolean;
      /** A tool of this name is offered. */
      toolName?: string;
      stream?: boolean;
      /** `response_format.type`; `"text"` also matches a request without one. */
      responseFormat?: "text" | "json_object" | "json_schema";
    };

/** A reply given to every matching request, `times` times (default: without limit). */
export interface ScriptRule {
  match: RequestMatcher;
  reply: ReplySource;
  times?: number;
}

/** How the server answered a recorded request. */
export type RequestOutcome =
  | "replied" // a scripted reply (an error reply included)
  | "models" // GET /v1/models
  | "unauthorized" // 401: missing or wrong bearer key
  | "exhausted" // 500: the script ran out
  | "invalid" // 400: not a chat completion body
  | "not-found"; // 404: an endpoint this server does not speak

/** Everything the server received in one request, and how it answered. */
export interface RecordedRequest {
  /** 0, 1, 2… in arrival order. */
  seq: number;
  receivedAt: Date;
  method: string;
  /** Path and query, e.g. `/v1/chat/completions`. */
  path: string;
  /** Lower-case names; repeated headers joined with `, `. `authorization` is kept as sent. */
  headers: Record<string, string>;
  rawBody: string;
  /** The parsed JSON body, or undefined when there was none or it was not JSON. */
  body: unknown;
  /** The body when it is a valid chat completion request. */
  chat?: ChatCompletionBody;
  /** Set once the server decided how to answer. */
  outcome?: RequestOutcome;
  /** The scripted reply served (for `outcome: "replied"`). */
  reply?: ScriptedReply;
  /** The HTTP status answered; undefined while not yet decided (e.g. during `delayMs`). */
  status?: number;
  /** True when the client disconnected before the answer was complete: the work stopped. */
  aborted: boolean;
}

/** Options of `startScriptedOpenAI`. */
export interface ScriptedOpenAIOptions {
  /** When set, requests without `Authorization: Bearer <apiKey>` get a 401. */
  apiKey?: string;
  /** Ids listed by `GET /v1/models`; default `["gpt-4o-mini"]`. */
  models?: string[];
  /** Initial queue, as `enqueue(...replies)`. */
  replies?: ReplySource[];
  /** Initial rules, as `script(rule)` for each. */
  rules?: ScriptRule[];
}
