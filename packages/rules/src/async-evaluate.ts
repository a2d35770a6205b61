import type { DocumentReader } from "./eval/context.js";
import type { EvaluationInput, Verdict } from "./eval/evaluate.js";
import type { RulesProgram } from "./program.js";
import type { Value } from "./values/value.js";

/** Reads documents asynchronously (a database): undefined when the document does not exist. */
export interface AsyncDocumentReader {
  get(path: readonly string[]): Promise<Value | undefined>;
}

export interface AsyncEvaluationInput extends Omit<EvaluationInput, "current" | "after"> {
  current?: AsyncDocumentReader;
  after?: AsyncDocumentReader;
}

/** Thrown by the synchronous reader below when a document has not been fetched yet. */
class NeedsDocument {
  constructor(
    readonly kind: "current" | "after",
    readonly path: readonly string[],
  ) {}
}

/**
 * Evaluates with asynchronous document readers. Conditions are compiled to synchronous
 * closures, so evaluation runs, stops at the first document it has not fetched, fetches it, and
 * runs again — at most once per distinct lookup (the budget caps them at 10). Each run costs
 * microseconds; a lookup costs a database round trip, so the reruns do not matter.
 */
export async function evaluateAsync(
  program: RulesProgram,
  input: AsyncEvaluationInput,
): Promise<Verdict> {
  const fetched = {
    current: new Map<string, Value | undefined>(),
    after: new Map<string, Value | undefined>(),
  };
  const reader = (kind: "current" | "after"): DocumentReader | undefined =>
    input[kind] && {
      get: (path) => {
        const key = path.join("/");
        if (!fetched[kind].has(key)) throw new NeedsDocument(kind, path);
        return fetched[kind].get(key);
      },
    };
  const { current: _current, after: _after, ...rest } = input;
  for (;;) {
    try {
      const current = reader("current");
      const after = reader("after");
      return program.evaluate({
        ...rest,
        ...(current ? { current } : {}),
        ...(after ? { after } : {}),
      });
    } catch (e) {
      if (!(e instanceof NeedsDocument)) throw e;
      const source = input[e.kind]!;
      fetched[e.kind].set(e.path.join("/"), await source.get(e.path));
    }
  }
}
