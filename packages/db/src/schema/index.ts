// The platform schema, as drizzle-kit reads it (drizzle.config.ts points here) and as
// createDb() hands it to Drizzle for typed queries. Named exports only, one line per concept.

export {
  membershipRole,
  memberships,
  teams,
  users,
  type Membership,
  type MembershipRole,
  type NewMembership,
  type NewTeam,
  type NewUser,
  type Team,
  type User,
} from "./accounts.js";
export { apiTokens, type ApiToken, type NewApiToken } from "./api-tokens.js";
export { apps, type App, type NewApp } from "./apps.js";
export {
  finishedRunStatuses,
  runKinds,
  runEvents,
  runStatus,
  runs,
  type NewRun,
  type NewRunEvent,
  type Run,
  type RunEvent,
  type RunFailure,
  type RunStatus,
} from "./runs.js";
export {
  approvalKind,
  approvalStatus,
  approvals,
  comments,
  type Approval,
  type ApprovalKind,
  type ApprovalStatus,
  type Comment,
  type NewApproval,
  type NewComment,
} from "./approvals.js";
export {
  deploymentKinds,
  deployments,
  type Deployment,
  type NewDeployment,
} from "./deployments.js";
export {
  actorKind,
  auditLog,
  type ActorKind,
  type AuditLogEntry,
  type NewAuditLogEntry,
} from "./audit-log.js";
