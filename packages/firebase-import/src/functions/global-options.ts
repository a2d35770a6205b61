// setGlobalOptions({ region, memory, secrets… }): 2nd gen defaults for every function of the
// codebase, each function's own options winning. firebase init's template calls it with
// maxInstances, so it is common and must not be dropped silently.
import { readObject } from "./constants.js";
import type { ModuleGraph } from "./evaluate.js";
import { emptyOptions, readOptions, type FunctionOptions } from "./options.js";
import type { SdkUse } from "./sdk-uses.js";

export function globalOptions(graph: ModuleGraph, uses: readonly SdkUse[]): FunctionOptions {
  const globals = emptyOptions();
  for (const use of uses) {
    if (use.kind !== "globalOptions") continue;
    const object = readObject(graph, use.argument);
    if (object) readOptions(graph, object, globals);
    else
      globals.changes.push(
        "setGlobalOptions is given computed options: set them on each winky function",
      );
  }
  return globals;
}

/** A function's options over the global ones. */
export function withDefaults(own: FunctionOptions, globals: FunctionOptions): FunctionOptions {
  const memoryMb = own.memoryMb ?? globals.memoryMb;
  const timeoutMs = own.timeoutMs ?? globals.timeoutMs;
  const region = own.region ?? globals.region;
  return {
    ...(memoryMb === undefined ? {} : { memoryMb }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(region === undefined ? {} : { region }),
    secrets: [...new Set([...globals.secrets, ...own.secrets])],
    // The global notes are said once, on the setGlobalOptions item; changes concern each function.
    notes: own.notes,
    changes: [...globals.changes, ...own.changes],
    access: [...globals.access, ...own.access],
  };
}
