export { AdminClient, type FetchLike, type FunctionDeploy } from "./admin-client.js";
export { AdminApiError } from "./admin-error.js";
export { deploySite, type SiteConfig, type SiteDeploy } from "./hosting.js";
