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
export {
  contentText,
  lastUserText,
  startScriptedOpenAI,
  type ChatCompletionBody,
  type ChatCompletionMessage,
  type RecordedRequest,
  type ReplySource,
  type RequestMatcher,
  type RequestOutcome,
  type ScriptRule,
  type ScriptedError,
  type ScriptedOpenAI,
  type ScriptedOpenAIOptions,
  type ScriptedReply,
  type ScriptedTiming,
  type ScriptedToolCall,
  type ScriptedUsage,
} from "./openai/index.js";
