export { buildApp, type RuntimeDeps } from "./app.js";
export { loadRuntimeConfig, type RuntimeConfig } from "./env.js";
export { migrateRuntime, runtimeMigrationsFolder } from "./db/migrate.js";
export {
  RuntimeError,
  isRuntimeError,
  ERROR_CODES,
  type ErrorCode,
} from "./errors/runtime-error.js";
export { CORS_ALLOWED_HEADERS, CORS_EXPOSED_HEADERS } from "./http/cors.js";
