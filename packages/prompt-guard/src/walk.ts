import { isSecretName, isSecretValue } from "./detectors/values.js";
import type { Redactor } from "./redactor.js";
import type { Removal } from "./types.js";

/** Parts the model does not read as text (images, audio, files): passed through unchanged. */
const OPAQUE_PARTS = new Set([
  "image_url",
  "input_image",
  "image",
  "input_audio",
  "audio",
  "file",
  "input_file",
  "document",
]);

/** Protocol ids (`id`, `tool_call_id`, `toolUseId`): random by design, never judged by entropy. */
const ID_KEY = /^(?:id|\w+_id|\w+Id)$/;

const join = (where: string, key: string): string => (where ? `${where}.${key}` : key);

/**
 * One pass over a JSON value (a message list, a request body, tool arguments): every string
 * is cleaned and each removal recorded with the path of its string (`messages[3].tool_calls[0]
 * .function.arguments.content`). Inputs are never mutated; objects are copied with every
 * field, and returned as they were when nothing was removed from them.
 *
 * - A string field named like a secret (`apiKey`, `GH_TOKEN`) loses its whole value.
 * - `arguments` strings (OpenAI tool calls) are parsed, so a file's content inside is cleaned
 *   as the text it is: its `.env` lines are lines, not `\n`-joined escapes. Serialised again
 *   only when something was removed; not JSON, they are cleaned as text.
 * - Image, audio and file parts pass through untouched.
 */
export class Walk {
  readonly removed: Removal[] = [];

  constructor(private readonly redactor: Redactor) {}

  json(value: unknown, where: string): unknown {
    const before = this.removed.length;
    const cleaned = this.#json(value, where);
    return this.removed.length === before ? value : cleaned;
  }

  #json(value: unknown, where: string): unknown {
    if (typeof value === "string") return this.text(value, where);
    if (Array.isArray(value)) return value.map((v, i) => this.json(v, `${where}[${i}]`));
    if (typeof value !== "object" || value === null) return value;
    const record = value as Record<string, unknown>;
    if (typeof record.type === "string" && OPAQUE_PARTS.has(record.type)) return value;
    const out: Record<string, unknown> = {};
    for (const [rawKey, v] of Object.entries(record)) {
      const key = this.text(rawKey, `${where}{key}`);
      const at = join(where, key);
      if (typeof v !== "string") out[key] = this.json(v, at);
      else if (rawKey === "arguments") out[key] = this.jsonString(v, at);
      else if (ID_KEY.test(rawKey)) out[key] = this.text(v, at, { entropy: false });
      else {
        const whole = isSecretName(rawKey) && !/\s/.test(v) && isSecretValue(rawKey, v);
        const extra = whole
          ? [{ start: 0, end: v.length, kind: "env-assignment" as const, name: rawKey }]
          : [];
        out[key] = this.text(v, at, { extra });
      }
    }
    return out;
  }

  jsonString(text: string, where: string): string {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return this.text(text, where);
    }
    if (typeof parsed !== "object" || parsed === null) return this.text(text, where);
    const cleaned = this.json(parsed, where);
    return cleaned === parsed ? text : JSON.stringify(cleaned);
  }

  text(text: string, where: string, options?: Parameters<Redactor["clean"]>[2]): string {
    const { value, removed } = this.redactor.clean(text, where, options);
    this.removed.push(...removed);
    return value;
  }
}
