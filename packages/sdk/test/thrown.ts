// For the SDK's unit tests: what a synchronous call that must refuse its input threw.
import { isWinkyError, type WinkyError } from "../src/errors.js";

/** The WinkyError `fn` throws; another error is rethrown, and none at all is an error too. */
export function thrown(fn: () => unknown): WinkyError {
  try {
    fn();
  } catch (e) {
    if (isWinkyError(e)) return e;
    throw e;
  }
  throw new Error("expected a WinkyError");
}
