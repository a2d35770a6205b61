export { createTestDatabase, useTestDatabase, type TestDatabase } from "./test-database.js";
export { testRedisUrl, uniqueRedisPrefix, useTestRedis } from "./test-redis.js";
export { startPrivateRedis, type PrivateRedis } from "./private-redis.js";
export { dockerAvailable, describeWithDocker } from "./docker.js";
export { eventually } from "./eventually.js";
export { chromiumPath, describeWithChromium } from "./chromium-suite.js";
export {
  launchChromium,
  type ChromiumBrowser,
  type LaunchChromiumOptions,
} from "./chromium-launch.js";
export { BrowserPage } from "./browser-page.js";
export type {} from "./provided-context.js";
