import type { ModelInfo } from "../analyze.js";

/** `rooms/{roomId}/messages/{messageId}`: a document trigger's path with wildcards. */
export function documentPathPattern(info: ModelInfo): string {
  return [...info.ancestors, info].map((m) => `${m.model.collection}/{${m.varName}Id}`).join("/");
}
