/**
 * What a removal was found as, in the order the guard applies its detectors: where several
 * detectors flag overlapping text, the removal is recorded under the first of these.
 */
export const REMOVAL_KINDS = [
  "secret-store",
  "private-key",
  "url-credentials",
  "known-prefix",
  "jwt",
  "env-assignment",
  "high-entropy",
] as const;

export type RemovalKind = (typeof REMOVAL_KINDS)[number];

/**
 * One removed stretch of text, as the run log records it. It never holds the value, nor any
 * prefix, suffix or hash of it: only what kind of thing it was, a name when one is known, where
 * it was and how long it was.
 */
export interface Removal {
  readonly kind: RemovalKind;
  /**
   * The store secret's name (`GIT_PUSH_TOKEN`), the variable's or field's name for an
   * assignment (`DB_PASSWORD`, `apiKey`, `Authorization`), or for a known prefix the kind of
   * key (`github-token`). Absent when nothing names it.
   */
  readonly name?: string;
  /** Which string it was in: `text`, `messages[2].content`, `messages[1].tool_calls[0]…`. */
  readonly where: string;
  /** Characters removed (UTF-16 code units), so a reader can tell a token from a key file. */
  readonly length: number;
}

/** A cleaned value and what was removed from it (empty when nothing was). */
export interface Cleaned<T> {
  readonly value: T;
  readonly removed: readonly Removal[];
}

/** A value to remove wherever it appears, with the name it is recorded under. */
export interface NamedSecret {
  readonly name: string;
  readonly value: string;
}

/**
 * Where the guard gets the exact values to remove. Read on every call, so a secret set in the
 * middle of a run is never missed; a rejection fails the call (the caller must then not send).
 */
export interface SecretValues {
  values(): Promise<ReadonlyArray<string | NamedSecret>>;
}

/**
 * A part of a message's content: text parts and tool results are cleaned; image, audio and file
 * parts pass through.
 */
export interface ContentPart {
  readonly type?: string;
}

/** A tool call as OpenAI-style APIs send it (`function.arguments`, a JSON string) or LangChain's (`args`). */
export interface ToolCall {
  readonly function?: { readonly name?: string; readonly arguments: string };
  readonly args?: unknown;
}

/**
 * A chat message as a plain object: `content` a string or parts, `tool_calls` on assistant
 * messages, tool results as `role: "tool"` messages or `tool_result` parts. Other fields are
 * copied unchanged.
 */
export interface ChatMessage {
  readonly role: string;
  readonly content?: string | readonly ContentPart[] | null;
  readonly tool_calls?: readonly ToolCall[];
}
