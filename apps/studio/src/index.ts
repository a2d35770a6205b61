// @winky/studio: the Studio web app. Its server is `@winky/studio/main`; these are the pieces
// other code (tests, the CLI) may want without starting it.

export { loadStudioConfig, type StudioConfig } from "./env.js";
export { createStudioServer, type RequestHandler, type StudioLog } from "./studio-server.js";
