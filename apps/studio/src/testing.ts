// @winky/studio/testing: what tests elsewhere (the Playwright suites in `playwright/tests/`)
// need to run the studio as `winky dev` does, against their own orchestrator.

export { ensureFreshNextBuild, studioDir } from "./next-build.test-bed.js";
export { freePort, startStudio, type RunningStudio } from "./studio.test-bed.js";
export {
  addViewer,
  FAILURE,
  seedFailedRun,
  seedWaitingRun,
  unusedRunControl,
} from "./studio-seed.test-bed.js";
