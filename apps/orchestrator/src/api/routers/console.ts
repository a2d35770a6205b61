import { z } from "zod";
import { idInput } from "../pagination.js";
import { procedureFor, router } from "../trpc.js";
import { consoleDocumentsRouter } from "./console-documents.js";
import { consoleEventsRouter, consoleFunctionsRouter } from "./console-ops.js";
import { evaluateRules, evaluateRulesInput, type RulesEvaluation } from "./console-rules.js";
import { appProjectOf, onRuntime } from "./console-runtime.js";
import { consoleStorageRouter } from "./console-storage.js";
import { consoleUsersRouter } from "./console-users.js";

/**
 * The runtime console of an app: its production project on the runtime (named by the app's
 * slug), seen and changed through the runtime's admin API. Reads are viewer+; every change is
 * role-gated and leaves an audit row naming the app, the project and what changed.
 */
export const consoleRouter = router({
  /**
   * Decides a hypothetical request with the project's deployed rules and explains it: which
   * allows were tried, how each ended, and which sub-expression was false or failed.
   */
  // A mutation though it changes nothing: its data JSON would not fit a query's URL.
  evaluateRules: procedureFor("viewer")
    .input(evaluateRulesInput)
    .mutation(async ({ ctx, input }): Promise<RulesEvaluation> => {
      const app = await appProjectOf(ctx, input.appId);
      return onRuntime(() => evaluateRules(app, input));
    }),

  /** The project's deployed rules sources (null: none deployed yet), to show before a request. */
  rules: procedureFor("viewer")
    .input(z.object({ appId: idInput("app") }))
    .query(async ({ ctx, input }) => {
      const { runtime, project } = await appProjectOf(ctx, input.appId);
      const [firestore, storage] = await onRuntime(() =>
        Promise.all([runtime.getRules(project, "firestore"), runtime.getRules(project, "storage")]),
      );
      return { project, firestore, storage };
    }),

  documents: consoleDocumentsRouter,
  users: consoleUsersRouter,
  functions: consoleFunctionsRouter,
  events: consoleEventsRouter,
  storage: consoleStorageRouter,
});
