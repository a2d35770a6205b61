export { createTestDatabase, useTestDatabase, type TestDatabase } from "./test-database.js";
export { testRedisUrl, uniqueRedisPrefix, useTestRedis } from "./test-redis.js";
export { dockerAvailable, describeWithDocker } from "./docker.js";
export type {} from "./provided-context.js";
