export {
  RulesTestEnvironment,
  assertSucceeds,
  assertFails,
  PermissionDeniedError,
  type RulesTestContext,
} from "./test-environment.js";
