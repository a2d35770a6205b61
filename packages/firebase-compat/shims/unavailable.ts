// What a firebase-functions / firebase-admin module Winky has no shim for becomes
// (`firebase-functions/v2/pubsub`, `firebase-admin/messaging`): loading it must not fail, or one
// Pub/Sub function in index.ts would keep every other function of the module from deploying.
// Each export is a function: given a handler (a trigger constructor) it answers a function
// marked unsupported, which refuses only when invoked; otherwise it answers a value that refuses
// on first use, naming what is missing.
import { mark } from "./functions/trigger.js";

export function unavailableModule(specifier: string): Record<string, unknown> {
  return new Proxy(
    {},
    {
      get(_target, name) {
        if (name === "__esModule") return true;
        if (typeof name !== "string" || name === "then") return undefined;
        return unavailableExport(`${specifier}.${name}`);
      },
    },
  );
}

function unavailableExport(what: string): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    const handler = args.findLast((a) => typeof a === "function");
    if (handler) return mark({ kind: "unsupported", what }, 2, handler);
    return refusing(`${what}()`);
  };
}

/** A value whose every use throws `unimplemented: …`. */
function refusing(what: string): unknown {
  const fail = () => {
    throw new Error(`unimplemented: ${what} is not available on Winky`);
  };
  return new Proxy(fail, {
    get: (_target, name) => (name === "then" ? undefined : refusing(`${what}.${String(name)}`)),
    apply: fail,
    construct: fail,
  });
}
