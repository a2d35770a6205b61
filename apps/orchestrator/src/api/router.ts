import { router } from "./trpc.js";
import { accountRouter } from "./routers/account.js";
import { approvalsRouter } from "./routers/approvals.js";
import { appsRouter } from "./routers/apps.js";
import { auditRouter } from "./routers/audit.js";
import { consoleRouter } from "./routers/console.js";
import { importsRouter } from "./routers/imports.js";
import { runsRouter } from "./routers/runs.js";
import { teamsRouter } from "./routers/teams.js";
import { tokensRouter } from "./routers/tokens.js";

/**
 * The orchestrator's API. Every procedure acts in the caller's team, with the least role it
 * declares (viewer < member < admin < owner), through one `authorize` middleware. The router
 * holds no state: what it works with comes in the context (`createContextFactory`).
 */
export const apiRouter = router({
  account: accountRouter,
  runs: runsRouter,
  apps: appsRouter,
  approvals: approvalsRouter,
  teams: teamsRouter,
  tokens: tokensRouter,
  audit: auditRouter,
  console: consoleRouter,
  imports: importsRouter,
});

/** The API's type, for typed clients (`@winky/api-client`); import it with `import type`. */
export type AppRouter = typeof apiRouter;
