export {
  AdminClient,
  type FetchLike,
  type FunctionDeploy,
  type MailboxMessage,
} from "./admin-client.js";
export { AdminApiError } from "./admin-error.js";
export { deploySite, type SiteConfig, type SiteDeploy } from "./hosting.js";
