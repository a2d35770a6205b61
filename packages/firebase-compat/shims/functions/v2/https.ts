// firebase-functions/v2/https: onCall(opts?, handler(request)), onRequest(opts?, (req, res)).
import { HttpsError, mark, optionsAndHandler } from "../trigger.js";

export { HttpsError };

export function onCall(...args: unknown[]) {
  const [, handler] = optionsAndHandler(args);
  return mark({ kind: "callable" }, 2, handler);
}

export function onRequest(...args: unknown[]) {
  const [options, handler] = optionsAndHandler<{ cors?: unknown }>(args);
  return mark({ kind: "http", cors: options?.cors }, 2, handler);
}
