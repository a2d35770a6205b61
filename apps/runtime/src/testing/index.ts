// For tests of the runtime and of its clients (the SDK): a runtime on a fresh database.
export { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "./test-runtime.js";
export { createTestAuthCore, ManualClock } from "../auth/core/testing/index.js";
export { ChangeFeed } from "../realtime/change-feed.js";
export { createTestFunctions, type TestFunctions } from "./test-functions.js";
export { deployOnlySandbox } from "./deploy-only-sandbox.js";
