import type {
  ChatCompletionBody,
  ReplySource,
  RequestMatcher,
  ScriptRule,
  ScriptedReply,
} from "./types.js";

/**
 * The text of the last `user` message (string content, or its text parts joined): what most
 * matchers and assertions are about, whatever shape the client chose for the content.
 */
export function lastUserText(request: ChatCompletionBody): string {
  const last = [...request.messages].reverse().find((m) => m.role === "user");
  return last ? contentText(last.content) : "";
}

/** The text of a message content: a string, or the `text` of its parts. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part: unknown) =>
      typeof part === "object" && part !== null && "text" in part && typeof part.text === "string"
        ? part.text
        : "",
    )
    .join("");
}

/** Whether `request` satisfies `matcher` (every field given must hold). */
export function matches(matcher: RequestMatcher, request: ChatCompletionBody): boolean {
  if (typeof matcher === "function") return matcher(request);
  const tools = request.tools ?? [];
  const format = request.response_format?.type ?? "text";
  return (
    (matcher.model === undefined || matcher.model === request.model) &&
    (matcher.lastUserMessageIncludes === undefined ||
      lastUserText(request).includes(matcher.lastUserMessageIncludes)) &&
    (matcher.hasTools === undefined || matcher.hasTools === tools.length > 0) &&
    (matcher.toolName === undefined || tools.some((t) => t.function?.name === matcher.toolName)) &&
    (matcher.stream === undefined || matcher.stream === (request.stream === true)) &&
    (matcher.responseFormat === undefined || matcher.responseFormat === format)
  );
}

interface LiveRule {
  rule: ScriptRule;
  left: number;
}

/**
 * The replies still to give: rules first (the first matching one, in the order added; one with
 * `times` is dropped once used up), then the queue's head. Nothing found means the script ran
 * out, which the server answers with a 500 so that a test cannot pass on an unscripted call.
 */
export class Script {
  private readonly queue: ReplySource[] = [];
  private rules: LiveRule[] = [];

  enqueue(replies: ReplySource[]): void {
    for (const reply of replies) if (typeof reply !== "function") validateReply(reply);
    this.queue.push(...replies);
  }

  addRule(rule: ScriptRule): void {
    if (typeof rule.reply !== "function") validateReply(rule.reply);
    const times = rule.times ?? Infinity;
    if (!(times >= 1)) throw new Error(`A script rule needs times >= 1, not ${String(times)}.`);
    this.rules.push({ rule, left: times });
  }

  /** Replies still queued plus uses left of limited rules (unlimited rules are not counted). */
  get pending(): number {
    return this.queue.length + this.rules.reduce((n, r) => n + (isFinite(r.left) ? r.left : 0), 0);
  }

  clear(): void {
    this.queue.length = 0;
    this.rules = [];
  }

  /** Takes the reply for `request`, or undefined when the script ran out. */
  take(request: ChatCompletionBody): ScriptedReply | undefined {
    const live = this.rules.find((r) => matches(r.rule.match, request));
    let source: ReplySource | undefined;
    if (live) {
      live.left -= 1;
      if (live.left <= 0) this.rules = this.rules.filter((r) => r !== live);
      source = live.rule.reply;
    } else {
      source = this.queue.shift();
    }
    if (source === undefined) return undefined;
    if (typeof source !== "function") return source;
    const reply = source(request);
    validateReply(reply);
    return reply;
  }
}

/** Refuses a reply that is not exactly one kind, so a typo fails where the script is written. */
export function validateReply(reply: ScriptedReply): void {
  const kinds = (["content", "json", "toolCalls", "error"] as const).filter(
    (k) => (reply as unknown as Record<string, unknown>)[k] !== undefined,
  );
  const ok =
    kinds.length === 1 ||
    (kinds.length === 2 && kinds.includes("toolCalls") && kinds.includes("content"));
  if (!ok) {
    throw new Error(
      `A scripted reply needs exactly one of content, json, toolCalls (content allowed beside ` +
        `it) or error; got ${kinds.length ? kinds.join(", ") : "none"}.`,
    );
  }
  if (reply.error && !(reply.error.status >= 400 && reply.error.status <= 599)) {
    throw new Error(`A scripted error needs a 4xx or 5xx status, not ${reply.error.status}.`);
  }
}
