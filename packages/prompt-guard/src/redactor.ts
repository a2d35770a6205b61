import { assignmentSpans } from "./detectors/assignments.js";
import { highEntropySpans } from "./detectors/entropy.js";
import {
  jwtSpans,
  knownPrefixSpans,
  privateKeySpans,
  urlCredentialSpans,
} from "./detectors/shapes.js";
import { applySpans, type Span } from "./spans.js";
import { StoreMatcher } from "./store-matcher.js";
import type { Cleaned, NamedSecret } from "./types.js";

/** Cleans text against a fixed set of store values, synchronously. */
export interface Redactor {
  clean(text: string, where: string, options?: CleanOptions): Cleaned<string>;
}

export interface CleanOptions {
  /** Spans the caller already knows about (a secret-named JSON field's whole value). */
  readonly extra?: readonly Span[];
  /**
   * False for protocol ids (`call_…`, `toolu_…`): random by design, and a changed id breaks
   * the pairing of a tool call with its result. Every other detector still runs.
   */
  readonly entropy?: boolean;
}

/** The pattern detectors, in the order of {@link REMOVAL_KINDS} (the store comes first). */
const DETECTORS: ReadonlyArray<(text: string) => Span[]> = [
  privateKeySpans,
  urlCredentialSpans,
  knownPrefixSpans,
  jwtSpans,
  assignmentSpans,
];

/**
 * Every detector runs on the original text and the spans are merged once (see
 * {@link applySpans}): no detector sees another's placeholder, so cleaning twice changes
 * nothing the second time.
 */
export function createRedactor(secrets: readonly NamedSecret[]): Redactor {
  const store = new StoreMatcher(secrets);
  return {
    clean(text, where, { extra = [], entropy = true } = {}) {
      const spans = [...store.find(text), ...extra];
      for (const detect of DETECTORS) spans.push(...detect(text));
      if (entropy) spans.push(...highEntropySpans(text));
      return applySpans(text, spans, where);
    },
  };
}
