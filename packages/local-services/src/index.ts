export { ServiceUnavailableError, isServiceUnavailableError } from "./errors.js";
export { ManagedProcess, type ManagedProcessOptions } from "./managed-process.js";
export { freePort, canConnect, waitUntil, isProcessRunning } from "./ports.js";
export {
  startEmbeddedPostgres,
  type EmbeddedPostgresOptions,
  type RunningPostgres,
} from "./embedded-postgres.js";
export { startRedisServer, type RedisServerOptions, type RunningRedis } from "./redis-server.js";
export {
  ensureDockerEngine,
  dockerServerVersion,
  type DockerEngine,
  type EnsureDockerOptions,
} from "./docker-engine.js";
export { assertPostgresReachable, assertRedisReachable } from "./reachability.js";
