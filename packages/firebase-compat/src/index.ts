// Runs Firebase Cloud Functions on Winky: bundleFirebaseFunction turns one exported function
// of a Firebase functions folder into a runtime function's source (see README.md).
export {
  bundleFirebaseFunction,
  FirebaseBundleError,
  type BundleRequest,
  type TriggerKind,
} from "./bundle.js";
export { SHIMS_DIR } from "./shim-map.js";
export { isInside } from "./inside-folder.js";
