// The coder: an app plan in, a React + Vite + TypeScript app on @winky/sdk out.
export {
  generateApp,
  plannedFiles,
  type GeneratedApp,
  type GenerateOptions,
} from "./generate-app.js";
export { editWithModel, type EditRequest, type EditResult } from "./llm/edit-with-model.js";
