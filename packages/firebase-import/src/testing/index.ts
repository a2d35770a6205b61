// Test kit: the acceptance fixture project, for this package's tests and the CLI's.
export {
  FIREBASE_MADE_USER,
  FIXTURE_COUNTS,
  FIXTURE_SOURCE,
  makeFixtureProject,
  passwordOf,
} from "./fixture-project.js";
