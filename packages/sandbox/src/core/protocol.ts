// The control protocol between the host and the runner (src/runner/runner.mjs): one JSON object
// per line over the control socket. The runner runs untrusted code in its process, so every
// frame it sends is checked here before the host acts on it.
import { StringDecoder } from "node:string_decoder";
import { ERROR_FIELD_LIMITS, type JsonValue, type LogLine } from "../types.js";

export interface InitFrame {
  t: "init";
  env: Record<string, string>;
  hostSocket: string;
  functionId: string;
  version: string;
}

/** What the runner may send. */
export type RunnerFrame =
  | { t: "ready" }
  | { t: "load-error"; message: string; stack?: string; logs: LogLine[] }
  | ({ t: "log"; id: number } & LogLine)
  | { t: "result"; id: number; result: JsonValue }
  | {
      t: "error";
      id: number;
      message: string;
      stack?: string;
      code?: string;
      details?: { [key: string]: JsonValue };
      fatal: boolean;
    };

/** The invoke frame as one line, with the event already serialised. */
export function invokeLine(id: number, timeoutMs: number, eventJson: string): string {
  return `{"t":"invoke","id":${id},"timeoutMs":${timeoutMs},"event":${eventJson}}\n`;
}

/** Parses and checks one line from the runner; undefined when it is not a valid frame. */
export function parseRunnerFrame(line: string): RunnerFrame | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  switch (value.t) {
    case "ready":
      return { t: "ready" };
    case "load-error":
      return {
        t: "load-error",
        message: text(value.message),
        ...optionalStack(value.stack),
        logs: Array.isArray(value.logs) ? value.logs.flatMap(toLogLine) : [],
      };
    case "log": {
      const [log] = toLogLine(value);
      return isId(value.id) && log ? { t: "log", id: value.id, ...log } : undefined;
    }
    case "result":
      return isId(value.id) && "result" in value
        ? { t: "result", id: value.id, result: value.result as JsonValue }
        : undefined;
    case "error":
      return isId(value.id)
        ? {
            t: "error",
            id: value.id,
            message: text(value.message),
            ...optionalStack(value.stack),
            ...errorFields(value.code, value.details),
            fatal: value.fatal === true,
          }
        : undefined;
    default:
      return undefined;
  }
}

function toLogLine(value: unknown): LogLine[] {
  if (!isRecord(value)) return [];
  const { stream, line, at } = value;
  if ((stream !== "stdout" && stream !== "stderr") || typeof line !== "string") return [];
  return [{ stream, line, at: typeof at === "number" && Number.isFinite(at) ? at : Date.now() }];
}

function optionalStack(stack: unknown): { stack?: string } {
  return typeof stack === "string" && stack ? { stack } : {};
}

/**
 * The thrown Error's `code` and `details` within {@link ERROR_FIELD_LIMITS}; the runner drops
 * what is out of bounds already, but it runs the function's code, so the host checks again.
 */
function errorFields(
  code: unknown,
  details: unknown,
): { code?: string; details?: { [key: string]: JsonValue } } {
  const fields: { code?: string; details?: { [key: string]: JsonValue } } = {};
  if (typeof code === "string" && code.length > 0 && code.length <= ERROR_FIELD_LIMITS.codeLength)
    fields.code = code;
  if (
    isRecord(details) &&
    Buffer.byteLength(JSON.stringify(details)) <= ERROR_FIELD_LIMITS.detailsBytes
  )
    fields.details = details as { [key: string]: JsonValue };
  return fields;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "(no message)";
}

function isId(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Splits a UTF-8 byte stream into lines. A line longer than `maxLineLength` characters calls
 * `onOverflow` once and stops the reader: the other side is misbehaving, and buffering it would
 * let it take the host's memory.
 */
export class LineReader {
  readonly #decoder = new StringDecoder("utf8");
  #parts: string[] = [];
  #length = 0;
  #stopped = false;

  constructor(
    private readonly maxLineLength: number,
    private readonly onLine: (line: string) => void,
    private readonly onOverflow: () => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.#stopped) return;
    const text = this.#decoder.write(chunk);
    let start = 0;
    let newline: number;
    while ((newline = text.indexOf("\n", start)) !== -1) {
      this.#parts.push(text.slice(start, newline));
      start = newline + 1;
      const line = this.#parts.join("");
      this.#parts = [];
      this.#length = 0;
      this.onLine(line);
      if (this.#stopped) return;
    }
    const rest = text.slice(start);
    if (!rest) return;
    this.#parts.push(rest);
    this.#length += rest.length;
    if (this.#length > this.maxLineLength) {
      this.#stopped = true;
      this.#parts = [];
      this.onOverflow();
    }
  }

  stop(): void {
    this.#stopped = true;
    this.#parts = [];
  }
}
