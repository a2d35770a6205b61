export { buildApp, type RuntimeDeps } from "./app.js";
export { loadRuntimeConfig, type RuntimeConfig } from "./env.js";
