/**
 * Function declarations: the limits table's 7 arguments and 10 lets (reference §6, §12),
 * distinct parameter and let names, duplicate declarations in one scope, and the bodies.
 */
import type { FunctionDeclaration } from "../syntax/ast.js";
import { checkExpression } from "./expressions.js";
import { Scope, warnIfShadowsGlobal, type CheckContext, type FunctionInfo } from "./scopes.js";

/** Production's limits table (reference §12). */
export const MAX_PARAMETERS = 7;
/** The Storage conditions page says "any number"; the limits table (followed here) says 10. */
export const MAX_LETS = 10;

/**
 * Declares `declarations` in `scope`, all before any body is checked, since calls may precede
 * definitions. The evaluator keeps the last of two same-named declarations in one scope
 * (`Map.set`), so the earlier one is reported as never used.
 */
export function declareFunctions(
  ctx: CheckContext,
  scope: Scope,
  declarations: readonly FunctionDeclaration[],
): FunctionInfo[] {
  const declared: FunctionInfo[] = [];
  for (const declaration of declarations) {
    const info: FunctionInfo = {
      declaration,
      nameLocation: ctx.reporter.nameAfter(declaration.loc, "function"),
      declaredIn: scope,
      replaced: false,
      calls: [],
      callers: 0,
    };
    const earlier = scope.functions.get(declaration.name);
    if (earlier) {
      earlier.replaced = true;
      ctx.reporter.warning(
        "duplicate-function",
        earlier.nameLocation,
        `function ${declaration.name}() is declared again at line ${info.nameLocation.line} ` +
          `in the same scope; the later declaration wins, so this one is never used`,
      );
    }
    scope.functions.set(declaration.name, info);
    ctx.functions.push(info);
    declared.push(info);
  }
  return declared;
}

/** Checks a declared function's signature, lets and body. */
export function checkFunction(ctx: CheckContext, fn: FunctionInfo): void {
  const { declaration } = fn;
  const { reporter } = ctx;
  const own = new Scope(fn.declaredIn);
  declaration.params.forEach((param, i) => {
    if (i === MAX_PARAMETERS) {
      reporter.error(
        "too-many-params",
        param.loc,
        `${declaration.name}() has ${declaration.params.length} parameters; production allows ` +
          `at most ${MAX_PARAMETERS}`,
      );
    }
    if (own.variables.has(param.name)) {
      reporter.error(
        "duplicate-param",
        param.loc,
        `parameter '${param.name}' is declared twice in ${declaration.name}()`,
      );
    }
    warnIfShadowsGlobal(ctx, param.name, param.loc, "parameter");
    own.variables.set(param.name, "parameter");
  });

  // Lets are added one by one: each sees the parameters and the lets above it.
  const later = new Set(declaration.lets.map((l) => l.name));
  declaration.lets.forEach((binding, i) => {
    const location = reporter.nameAfter(binding.loc, "let");
    later.delete(binding.name);
    if (i === MAX_LETS) {
      reporter.error(
        "too-many-lets",
        location,
        `${declaration.name}() has ${declaration.lets.length} let bindings; production allows ` +
          `at most ${MAX_LETS}`,
      );
    }
    const previous = own.variables.get(binding.name);
    if (previous === "parameter") {
      reporter.error(
        "let-shadows-param",
        location,
        `let '${binding.name}' redeclares a parameter of ${declaration.name}()`,
      );
    } else if (previous === "let") {
      reporter.error(
        "duplicate-let",
        location,
        `let '${binding.name}' is declared twice in ${declaration.name}()`,
      );
    }
    warnIfShadowsGlobal(ctx, binding.name, location, "let");
    checkExpression(ctx, { scope: own, owner: fn, laterLets: new Set(later) }, binding.value);
    if (previous !== "parameter") own.variables.set(binding.name, "let");
  });
  checkExpression(ctx, { scope: own, owner: fn, laterLets: new Set() }, declaration.body);
}
