import type { AllowMethod, MatchSegment, SourceLocation } from "../syntax/ast.js";
import { RPath, type Value } from "../values/value.js";
import type { Compiled, Scope } from "./scope.js";

export type RequestMethod = "get" | "list" | "create" | "update" | "delete";

/**
 * A request-path segment standing for any number of unknown segments: a collection-group query
 * reads collections at every depth, so only a recursive wildcard (`{path=**}`) may match it,
 * and the rules must then allow every location.
 */
export const ANY_PATH_SEGMENT = "\u0000**";

export interface CompiledAllow {
  methods: ReadonlySet<RequestMethod>;
  /** As written, e.g. `read, write`. */
  methodsText: string[];
  condition: Compiled | undefined;
  location: SourceLocation;
  /** The top-level `&&` operands, each compiled on its own, to say which one was false. */
  conjuncts: Array<{ compiled: Compiled; text: string; location: SourceLocation }>;
}

export interface CompiledMatch {
  pattern: readonly MatchSegment[];
  /** The full pattern from the service root, for explanations. */
  label: string;
  scope: Scope;
  allows: CompiledAllow[];
  children: MatchIndex;
}

/**
 * Sibling match blocks indexed by their first segment when it is literal, so a request only
 * tries the blocks that can match its next segment: a thousand `match /collN/{id}` blocks cost
 * one map lookup, not a thousand attempts.
 */
export class MatchIndex {
  private readonly byLiteral = new Map<string, CompiledMatch[]>();
  private readonly others: CompiledMatch[] = [];
  private readonly order = new Map<CompiledMatch, number>();
  readonly size: number;

  constructor(blocks: readonly CompiledMatch[]) {
    blocks.forEach((block, i) => this.order.set(block, i));
    for (const block of blocks) {
      const first = block.pattern[0];
      if (first?.kind === "literal") {
        const list = this.byLiteral.get(first.text) ?? [];
        list.push(block);
        this.byLiteral.set(first.text, list);
      } else this.others.push(block);
    }
    this.size = blocks.length;
  }

  /** The blocks that may match when the next path segment is `segment`. */
  candidates(segment: string | undefined): readonly CompiledMatch[] {
    const literal = segment === undefined ? undefined : this.byLiteral.get(segment);
    if (!literal) return this.others;
    if (this.others.length === 0) return literal;
    // Source order, so explanations read like the file.
    return [...literal, ...this.others].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
  }
}

const UMBRELLAS: Record<AllowMethod, RequestMethod[]> = {
  read: ["get", "list"],
  write: ["create", "update", "delete"],
  get: ["get"],
  list: ["list"],
  create: ["create"],
  update: ["update"],
  delete: ["delete"],
};

/** `read` covers get and list; `write` covers create, update and delete. */
export function expandMethods(methods: readonly AllowMethod[]): Set<RequestMethod> {
  return new Set(methods.flatMap((m) => UMBRELLAS[m]));
}

export function patternText(pattern: readonly MatchSegment[]): string {
  return pattern
    .map((s) =>
      s.kind === "literal"
        ? `/${s.text}`
        : s.kind === "wildcard"
          ? `/{${s.name}}`
          : `/{${s.name}=**}`,
    )
    .join("");
}

/**
 * Every way `pattern` can match `segments` from index `from`: where it stops and what it
 * binds. `{name}` takes one segment (as a string); `{name=**}` takes the rest as a path — zero
 * or more segments anywhere in rules version 2, one or more at the end in version 1.
 */
export function* matchPattern(
  pattern: readonly MatchSegment[],
  segments: readonly string[],
  from: number,
  version: "1" | "2",
  at = 0,
  bound: Map<string, Value> = new Map(),
): Generator<{ end: number; bindings: Map<string, Value> }> {
  if (at === pattern.length) {
    yield { end: from, bindings: bound };
    return;
  }
  const segment = pattern[at]!;
  if (segment.kind === "recursive") {
    const min = version === "2" ? 0 : 1;
    // Version 1 only allows the recursive wildcard last, and it then takes everything.
    const lengths =
      version === "1"
        ? [segments.length - from]
        : Array.from({ length: segments.length - from + 1 }, (_, i) => i);
    for (const length of lengths) {
      if (length < min) continue;
      const next = new Map(bound);
      next.set(segment.name, new RPath(segments.slice(from, from + length)));
      yield* matchPattern(pattern, segments, from + length, version, at + 1, next);
    }
    return;
  }
  const actual = segments[from];
  if (actual === undefined) return;
  if (segment.kind === "literal") {
    if (segment.text === actual)
      yield* matchPattern(pattern, segments, from + 1, version, at + 1, bound);
    return;
  }
  // Only a recursive wildcard may stand for "any number of unknown segments".
  if (actual === ANY_PATH_SEGMENT) return;
  const next = new Map(bound);
  next.set(segment.name, actual);
  yield* matchPattern(pattern, segments, from + 1, version, at + 1, next);
}
