import type { HostApiHandler } from "@winky/sandbox";
import type { DocumentService } from "../documents/document-service.js";
import type { EventHandler } from "../events/event-worker.js";
import type { FunctionRunner } from "./function-runner.js";
import type { FunctionStore } from "./function-store.js";
import { handleHostApi } from "./host-api.js";
import type { FunctionUsers } from "./host-users.js";
import type { IdempotencyKeys } from "./idempotency-keys.js";
import { runTriggers } from "./triggers/run-triggers.js";

interface Bound {
  runner: FunctionRunner;
  store: FunctionStore;
  documents: DocumentService;
  keys: IdempotencyKeys;
  /** The project's users, as the admin API manages them (`context.users`). */
  users: FunctionUsers;
}

/**
 * What the sandbox and the event worker call into, made before the app (the sandbox takes its
 * host API handler at construction) and bound by `buildApp` to the runtime's documents, users
 * and function runner. Calls before binding fail (the worker retries them).
 */
export class FunctionHost {
  #bound: Bound | undefined;

  /** Called once by `buildApp`. */
  bind(bound: Bound): void {
    this.#bound = bound;
  }

  /** The sandbox's host API handler: documents and users of the calling function's project. */
  readonly hostApi: HostApiHandler = (request, caller) =>
    handleHostApi(this.#need(), request, caller);

  /** The event worker's handler: document, auth, storage and schedule triggers. */
  readonly handleEvent: EventHandler = (event) => runTriggers(this.#need(), event);

  #need(): Bound {
    if (!this.#bound) throw new Error("functions are not ready yet (the app is not built)");
    return this.#bound;
  }
}
