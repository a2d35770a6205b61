/**
 * Match blocks and their paths (reference §4, §12): recursive wildcards, nesting depth, path
 * length, capture count, wildcard names; then each block's functions and allows.
 */
import type { MatchBlock, SourceLocation } from "../syntax/ast.js";
import { checkAllow } from "./allows.js";
import { checkFunction, declareFunctions } from "./functions.js";
import { Scope, warnIfShadowsGlobal, type CheckContext } from "./scopes.js";

/** Production's nested-match depth limit (reference §12). */
export const MAX_MATCH_DEPTH = 10;
/** Production's limit on path segments within nested matches. */
export const MAX_PATH_SEGMENTS = 100;
/** Production's limit on capture variables (wildcards) within nested matches. */
export const MAX_CAPTURES = 20;

/** What the enclosing matches have accumulated. */
interface PathState {
  depth: number;
  segments: number;
  captures: number;
  /** Wildcard names bound so far, with where; each block copies its parent's. */
  bound: Map<string, SourceLocation>;
}

/** Checks the service's match blocks, recursively, with `scope` the service scope. */
export function checkMatches(ctx: CheckContext, scope: Scope, blocks: readonly MatchBlock[]): void {
  const root: PathState = { depth: 0, segments: 0, captures: 0, bound: new Map() };
  for (const block of blocks) checkMatch(ctx, scope, block, root);
}

function checkMatch(ctx: CheckContext, parent: Scope, block: MatchBlock, outer: PathState): void {
  const { reporter } = ctx;
  const state: PathState = { ...outer, depth: outer.depth + 1, bound: new Map(outer.bound) };
  if (state.depth === MAX_MATCH_DEPTH + 1) {
    reporter.error(
      "match-too-deep",
      block.loc,
      `match blocks are nested ${state.depth} deep; production allows ${MAX_MATCH_DEPTH}`,
    );
  }
  const scope = new Scope(parent);
  checkSegments(ctx, block, state, scope);
  if (block.allows.length === 0 && block.matches.length === 0) {
    reporter.warning(
      "empty-match",
      block.loc,
      "this match block has no allow and no nested match, so it does nothing",
    );
  }
  for (const fn of declareFunctions(ctx, scope, block.functions)) checkFunction(ctx, fn);
  for (const allow of block.allows) checkAllow(ctx, scope, allow);
  for (const child of block.matches) checkMatch(ctx, scope, child, state);
}

/** Per-segment checks; binds each wildcard in `scope` and counts into `state`. */
function checkSegments(ctx: CheckContext, block: MatchBlock, state: PathState, scope: Scope) {
  const { reporter } = ctx;
  const bound = state.bound;
  let firstRecursive: string | undefined;
  block.path.forEach((segment, i) => {
    state.segments++;
    if (state.segments === MAX_PATH_SEGMENTS + 1) {
      reporter.error(
        "path-too-long",
        segment.loc,
        `nested match paths reach ${MAX_PATH_SEGMENTS + 1} segments here; production allows ` +
          `${MAX_PATH_SEGMENTS}`,
      );
    }
    if (segment.kind === "literal") return;
    state.captures++;
    if (state.captures === MAX_CAPTURES + 1) {
      reporter.error(
        "too-many-captures",
        segment.loc,
        `nested match paths bind ${MAX_CAPTURES + 1} wildcards here; production allows ` +
          `${MAX_CAPTURES}`,
      );
    }
    const earlier = bound.get(segment.name);
    if (earlier) {
      reporter.error(
        "duplicate-wildcard",
        segment.loc,
        `wildcard '${segment.name}' is already bound at line ${earlier.line}, ` +
          `column ${earlier.column}`,
      );
    }
    bound.set(segment.name, segment.loc);
    warnIfShadowsGlobal(ctx, segment.name, segment.loc, "wildcard");
    scope.variables.set(segment.name, "wildcard");
    if (segment.kind !== "recursive") return;
    if (firstRecursive !== undefined) {
      reporter.error(
        "multiple-recursive-wildcards",
        segment.loc,
        `a match path may hold one recursive wildcard; '{${firstRecursive}=**}' comes first`,
      );
    }
    firstRecursive ??= segment.name;
    if (ctx.ruleset.version !== "1") return;
    // In version 1 `{x=**}` must end the whole path, nested matches included (reference §4).
    const why =
      i < block.path.length - 1
        ? "segments follow it"
        : block.matches.length > 0
          ? "nested matches extend the path"
          : undefined;
    if (why) {
      reporter.error(
        "recursive-wildcard-not-last",
        segment.loc,
        `in rules_version 1 a recursive wildcard must be the last segment of the path, but ` +
          `${why}; add rules_version = '2' to allow it anywhere`,
      );
    }
  });
}
