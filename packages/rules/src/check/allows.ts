/**
 * `allow` statements: their method lists (reference §5) and their conditions.
 */
import type { AllowMethod, AllowStatement } from "../syntax/ast.js";
import { literalType } from "./builtins.js";
import { checkExpression } from "./expressions.js";
import type { CheckContext, Scope } from "./scopes.js";

/** The umbrella each granular method belongs to. */
const UMBRELLA: Partial<Record<AllowMethod, AllowMethod>> = {
  get: "read",
  list: "read",
  create: "write",
  update: "write",
  delete: "write",
};

/** Checks one allow statement in the match block whose scope is `scope`. */
export function checkAllow(ctx: CheckContext, scope: Scope, allow: AllowStatement): void {
  checkMethods(ctx, allow);
  const condition = allow.condition;
  if (!condition) return;
  // `if true` and `if false` are common idioms; a literal of another type never grants.
  const type = literalType(condition);
  if (type !== undefined && type !== "bool") {
    ctx.reporter.error(
      "condition-not-bool",
      condition.loc,
      `this condition is ${type === "null" ? "null" : `a ${type}`}, never a bool, so it never ` +
        `grants (a non-bool condition is an error, reference §7.2)`,
    );
  }
  checkExpression(ctx, { scope, owner: undefined, laterLets: new Set() }, condition);
}

function checkMethods(ctx: CheckContext, allow: AllowStatement): void {
  const { reporter } = ctx;
  const names = new Set(allow.methods.map((m) => m.name));
  const seen = new Set<AllowMethod>();
  for (const method of allow.methods) {
    const umbrella = UMBRELLA[method.name];
    if (seen.has(method.name)) {
      reporter.warning(
        "duplicate-method",
        method.loc,
        `'${method.name}' is listed twice in this allow`,
      );
    } else if (umbrella && names.has(umbrella)) {
      reporter.warning(
        "duplicate-method",
        method.loc,
        `'${method.name}' is already covered by '${umbrella}' in this allow`,
      );
    }
    seen.add(method.name);
    if (
      method.name === "list" &&
      ctx.service === "firebase.storage" &&
      ctx.ruleset.version === "1"
    ) {
      reporter.warning(
        "storage-list-v1",
        method.loc,
        "Storage list rules exist only in rules_version 2 (reference §5, §13); add " +
          "rules_version = '2' or this allow does not apply to list requests",
      );
    }
  }
}
