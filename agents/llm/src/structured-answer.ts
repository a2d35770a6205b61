import type { BaseMessageLike } from "@langchain/core/messages";
import type { ChatOpenAI } from "@langchain/openai";
import { z } from "zod";
import type { UsageMeter } from "./usage-meter.js";

/** A model that gave no valid answer in its attempts; `problems` says what was wrong each time. */
export class StructuredAnswerError extends Error {
  override readonly name = "StructuredAnswerError";
  constructor(readonly problems: readonly string[]) {
    super(`no valid answer in ${problems.length} attempt(s): ${problems.at(-1) ?? ""}`);
  }
}

export interface StructuredRequest<T> {
  model: ChatOpenAI;
  /** Sent to the model as the answer's JSON schema. */
  schema: z.ZodType;
  /** Our own check of what came back (refinements included); throws saying what is wrong. */
  validate: (value: unknown) => T;
  /** The name the schema is sent under. */
  name: string;
  messages: BaseMessageLike[];
  meter: UsageMeter;
  node: string;
  /** Default 2: the first answer, and one more with the first's problems quoted. */
  attempts?: number;
}

/**
 * Asks for a JSON answer of `schema` (JSON mode, the schema in the instructions) and validates it
 * here: an answer that does not parse or does not validate is a problem sent back to the
 * model, once by default, rather than an exception. Every call's tokens are charged to
 * `node`, the invalid ones too, and the budget is checked before each call.
 *
 * @throws StructuredAnswerError when no attempt gives a valid answer.
 * @throws BudgetExceededError when the run's budget is spent.
 */
export async function askForObject<T>(
  request: StructuredRequest<T>,
): Promise<{ value: T; attempts: number }> {
  // JSON mode, with the schema in the instructions: every OpenAI-compatible server has it
  // (vLLM, Ollama, LM Studio), and the client does not parse the answer itself, so a malformed
  // one comes back here to be sent back, its tokens counted.
  const schema = JSON.stringify(z.toJSONSchema(request.schema, { unrepresentable: "any" }));
  const instructions = {
    role: "system" as const,
    content: `Answer with one JSON object named ${request.name}, and nothing else. Its JSON schema:\n${schema}`,
  };
  const messages: BaseMessageLike[] = [instructions, ...request.messages];
  const problems: string[] = [];
  const attempts = request.attempts ?? 2;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    request.meter.check();
    const answer = await request.model.invoke(messages, {
      response_format: { type: "json_object" },
    });
    request.meter.charge(request.node, {
      inputTokens: answer.usage_metadata?.input_tokens ?? 0,
      outputTokens: answer.usage_metadata?.output_tokens ?? 0,
    });
    const content = typeof answer.content === "string" ? answer.content : "";
    const parsed = parseJson(content);
    let problem: string;
    if (!parsed.ok) {
      problem = `the answer is not JSON: ${parsed.error}`;
    } else {
      try {
        return { value: request.validate(parsed.value), attempts: attempt };
      } catch (e) {
        problem = `the answer does not validate: ${messageOf(e)}`;
      }
    }
    problems.push(problem);
    messages.push(
      { role: "assistant", content },
      { role: "user", content: `${problem}\nAnswer again with the whole object, corrected.` },
    );
  }
  throw new StructuredAnswerError(problems);
}

/** The answer's JSON; a model may wrap it in a Markdown code fence. */
function parseJson(content: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/.exec(content);
  try {
    return { ok: true, value: JSON.parse(fenced ? fenced[1]! : content) };
  } catch (e) {
    return { ok: false, error: messageOf(e) };
  }
}

function messageOf(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e ?? "no answer");
  return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text;
}
