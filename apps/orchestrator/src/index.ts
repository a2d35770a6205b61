export { buildApp, type OrchestratorDeps } from "./app.js";
export { loadOrchestratorConfig, type OrchestratorConfig } from "./env.js";
