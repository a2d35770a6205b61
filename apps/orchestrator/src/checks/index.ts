// The sandboxed checks of a generation run: `test` (typecheck, build, unit tests) and `smoke`
// (the app's Playwright spec in Chromium against the run's runtime project, through a gateway).
export {
  smokeApp,
  smokeBuildEnv,
  testApp,
  type AppCheckOptions,
  type SmokeAppOptions,
  type TestAppOptions,
  type TestAppResult,
} from "./app-checks.js";
export {
  GATEWAY_KEY_PLACEHOLDER,
  startRuntimeGateway,
  type RuntimeGateway,
  type RuntimeGatewayOptions,
} from "./runtime-gateway.js";
export { gatewayVerdict, type GatewayVerdict } from "./gateway-policy.js";
export type { SiteFiles } from "./workspace-files.js";
