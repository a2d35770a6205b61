/**
 * Checks over the whole call graph, once every call is known: recursion (production allows 0
 * "recursive or cyclical calls"), unused functions, and call chains deeper than the limit.
 */
import type { CallSite, CheckContext, FunctionInfo } from "./scopes.js";

/** Production's call-depth limit (the limits table; some doc pages say 10). */
export const MAX_CALL_DEPTH = 20;

/** Runs every call-graph check and reports into `ctx`. */
export function checkCallGraph(ctx: CheckContext): void {
  const ordered = [...ctx.functions].sort(
    (a, b) =>
      a.nameLocation.line - b.nameLocation.line || a.nameLocation.column - b.nameLocation.column,
  );
  reportCycles(ctx, ordered);
  reportUnused(ctx, ordered);
  reportDeepChains(ctx);
}

/**
 * A depth-first walk in source order; each call that reaches a function still on the walk's
 * stack closes a cycle and is reported there, so every cycle is reported exactly once.
 */
function reportCycles(ctx: CheckContext, ordered: readonly FunctionInfo[]): void {
  const state = new Map<FunctionInfo, "active" | "done">();
  const stack: FunctionInfo[] = [];
  const visit = (fn: FunctionInfo): void => {
    state.set(fn, "active");
    stack.push(fn);
    for (const call of fn.calls) {
      const seen = state.get(call.callee);
      if (seen === "active") reportCycle(ctx, stack, call);
      else if (seen === undefined) visit(call.callee);
    }
    stack.pop();
    state.set(fn, "done");
  };
  for (const fn of ordered) if (!state.has(fn)) visit(fn);
}

function reportCycle(ctx: CheckContext, stack: readonly FunctionInfo[], call: CallSite): void {
  const cycle = stack.slice(stack.indexOf(call.callee));
  const names = [...cycle, call.callee].map((f) => `${f.declaration.name}()`);
  const what =
    cycle.length === 1 ? `${names[0]} calls itself` : `cyclical calls ${names.join(" → ")}`;
  ctx.reporter.error(
    "recursion",
    call.location,
    `${what}; production forbids recursive or cyclical function calls (reference §6, §12)`,
  );
}

function reportUnused(ctx: CheckContext, ordered: readonly FunctionInfo[]): void {
  for (const fn of ordered) {
    // A replaced declaration has its own warning, duplicate-function.
    if (fn.replaced || fn.callers > 0) continue;
    ctx.reporter.warning(
      "unused-function",
      fn.nameLocation,
      `function ${fn.declaration.name}() is never called`,
    );
  }
}

/**
 * The longest chain of user calls a condition's call can start, counting the callee. Chains
 * are static, so one exceeding the limit may never run: a warning, not an error.
 */
function reportDeepChains(ctx: CheckContext): void {
  const depth = new Map<FunctionInfo, number>();
  const active = new Set<FunctionInfo>();
  const depthOf = (fn: FunctionInfo): number => {
    const known = depth.get(fn);
    if (known !== undefined) return known;
    if (active.has(fn)) return 0; // a cycle, reported as recursion
    active.add(fn);
    let deepest = 0;
    for (const call of fn.calls) deepest = Math.max(deepest, depthOf(call.callee));
    active.delete(fn);
    depth.set(fn, deepest + 1);
    return deepest + 1;
  };
  for (const call of ctx.conditionCalls) {
    const chain = depthOf(call.callee);
    if (chain <= MAX_CALL_DEPTH) continue;
    ctx.reporter.warning(
      "call-depth",
      call.location,
      `this call can nest ${chain} function calls; production stops at ${MAX_CALL_DEPTH}`,
    );
  }
}
