import { createRedactor, type Redactor } from "./redactor.js";
import { Walk } from "./walk.js";
import type { ChatMessage, Cleaned, NamedSecret, Removal, SecretValues } from "./types.js";

export interface PromptGuardOptions {
  /** Where the exact values to remove come from; several sources are read and combined. */
  readonly secrets: SecretValues | readonly SecretValues[];
  /**
   * Called after every call that removed something, before it resolves: where the caller
   * appends to the run log. A rejection fails the call.
   */
  readonly onRemoved?: (removed: readonly Removal[]) => void | Promise<void>;
}

/** The one guard every message to a model passes. */
export interface PromptGuard {
  /** Cleans one text; `where` names it in the removals (`text` by default). */
  clean(text: string, where?: string): Promise<Cleaned<string>>;
  /**
   * Cleans a conversation: string and text-part content, tool-call arguments (JSON strings or
   * LangChain `args`), tool results; image, audio and file parts pass through. Returns copies
   * (a message nothing was removed from is returned as is); removals name `messages[i]…`.
   */
  cleanMessages<M extends ChatMessage>(messages: readonly M[]): Promise<Cleaned<M[]>>;
  /**
   * Cleans any JSON value the same way: a whole request body (`{ model, messages, tools }`),
   * a plan, tool arguments. Paths in removals start at `where` (none by default).
   */
  cleanJson<T>(value: T, where?: string): Promise<Cleaned<T>>;
}

/**
 * Creates the guard. The secret sources are read on every call (values change during a run);
 * the matcher built from them is reused while they stay the same. Every call rejects when a
 * source does, so nothing unchecked is ever sent.
 *
 * @example
 * ```ts
 * const guard = createPromptGuard({
 *   secrets: [secretStoreValues(store, [projectId]), fixedSecretValues({ WINKY_ADMIN_KEY: adminKey })],
 *   onRemoved: (removed) => runLog.append(runId, { type: "prompt-guard", removed }),
 * });
 * const { value: safe } = await guard.cleanMessages(messages);
 * await model.invoke(safe);
 * ```
 */
export function createPromptGuard(options: PromptGuardOptions): PromptGuard {
  const sources: readonly SecretValues[] = Array.isArray(options.secrets)
    ? options.secrets
    : [options.secrets as SecretValues];
  let cached: { key: string; redactor: Redactor } | undefined;

  async function redactor(): Promise<Redactor> {
    const lists = await Promise.all(sources.map((s) => s.values()));
    const secrets: NamedSecret[] = lists
      .flat()
      .map((s) => (typeof s === "string" ? { name: "", value: s } : s));
    const key = secrets.map((s) => `${s.name}\u0000${s.value}`).join("\u0000\u0000");
    if (cached?.key !== key) cached = { key, redactor: createRedactor(secrets) };
    return cached.redactor;
  }

  async function report<T>(result: Cleaned<T>): Promise<Cleaned<T>> {
    if (result.removed.length > 0) await options.onRemoved?.(result.removed);
    return result;
  }

  return {
    async clean(text, where = "text") {
      return report((await redactor()).clean(text, where));
    },
    async cleanMessages(messages) {
      const walk = new Walk(await redactor());
      const value = messages.map((m, i) => walk.json(m, `messages[${i}]`) as typeof m);
      return report({ value, removed: walk.removed });
    },
    async cleanJson(value, where = "") {
      const walk = new Walk(await redactor());
      return report({ value: walk.json(value, where) as typeof value, removed: walk.removed });
    },
  };
}
