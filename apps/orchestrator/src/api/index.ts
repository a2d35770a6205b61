// The orchestrator's tRPC API (`@winky/orchestrator/api`): the router and its type for typed
// clients, the Fastify registration, the context and auth types, and team bootstrapping.

export { apiRouter, type AppRouter } from "./router.js";
export { registerApi, API_PREFIX } from "./plugin.js";
export {
  createApiServices,
  createContextFactory,
  type ApiContext,
  type ApiDeps,
  type ApiLogger,
  type ApiServices,
  type AuthorizedContext,
  type RunEventsTiming,
  type ScheduleSync,
  type SiteReleaser,
} from "./context.js";
export type { ApiMeta } from "./trpc.js";
export {
  authenticateRequest,
  type Authentication,
  type Authenticator,
  type Caller,
  type RequestHeaders,
} from "./auth/authenticator.js";
export { ApiTokenAuthenticator } from "./auth/api-token-authenticator.js";
export {
  RuntimeSessionAuthenticator,
  TEAM_HEADER,
  type RuntimeSessionOptions,
} from "./auth/runtime-session-authenticator.js";
export { API_TOKEN_PREFIX, hashApiToken, issueApiToken } from "./auth/api-token.js";
export {
  bootstrapTeam,
  type BootstrapTeamInput,
  type BootstrappedTeam,
} from "./auth/bootstrap-team.js";
export { hasRole, lesserRole, ROLES_ASCENDING, type Role } from "./roles.js";
export { RunEventsHub, type RunEventsListener } from "./events/run-events-hub.js";

// What the procedures answer, for code that names them (the studio's components).
export type { RunDetail, RunView } from "./routers/run-views.js";
export type { RunEventView } from "./events/follow-run.js";
export type { AppHealth, AppView } from "./routers/apps.js";
export type { DeploymentView } from "./routers/app-rollback.js";
export type { CommentView, PendingApproval } from "./routers/approvals.js";
export type { TeamView } from "./routers/team-settings.js";
export type { MemberView } from "./routers/team-members.js";
export type { TokenView } from "./routers/tokens.js";
export type { AuditEntryView } from "./routers/audit.js";
export type { Page } from "./pagination.js";
