export { buildApp, type StudioDeps } from "./app.js";
export { loadStudioConfig, type StudioConfig } from "./env.js";
