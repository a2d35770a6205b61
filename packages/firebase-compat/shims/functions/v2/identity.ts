// firebase-functions/v2/identity: blocking functions, which Winky's auth does not call. They
// bundle, and fail to load with a message naming them.
import { HttpsError, mark, optionsAndHandler } from "../trigger.js";

const blocking =
  (what: string) =>
  (...args: unknown[]) =>
    mark(
      { kind: "unsupported", what: `${what} (a blocking auth function)` },
      2,
      optionsAndHandler(args)[1],
    );

export { HttpsError };
export const beforeUserCreated = blocking("beforeUserCreated");
export const beforeUserSignedIn = blocking("beforeUserSignedIn");
export const beforeEmailSent = blocking("beforeEmailSent");
export const beforeSmsSent = blocking("beforeSmsSent");
