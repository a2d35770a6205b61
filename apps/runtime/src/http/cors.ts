import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/**
 * Cross-origin requests (CORS), as Firebase's APIs answer them: any origin may call the
 * runtime, because it authenticates every request with a bearer credential (an end user's ID
 * token, a service key, the operator key) that a page must already hold to send, never with
 * cookies the browser would attach on its own. A foreign page therefore gets nothing through
 * CORS that it could not get from curl. `Access-Control-Allow-Credentials` is never sent, so a
 * browser keeps refusing any credentialed (cookie-carrying) cross-origin request. The only
 * response headers exposed are the ones resumable uploads read (`Range`, `Location`).
 * (WebSockets are outside CORS: the listen endpoint takes its token in the URL, not a cookie.)
 */

/** What apps send: `fetch` with any of these methods. */
export const CORS_ALLOWED_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * The request headers a page may set: the SDK's (`accept`, `content-type: application/json`,
 * `authorization: Bearer …`) and those of storage's resumable uploads (the declared size and
 * type of a session, the `Content-Range` of each chunk) and ranged downloads. `content-type` is
 * listed because `application/json` is not one of the values browsers send without asking.
 */
export const CORS_ALLOWED_HEADERS = [
  "authorization",
  "content-type",
  "accept",
  "x-upload-content-length",
  "x-upload-content-type",
  "content-range",
  "range",
] as const;

/** The response headers a page may read: where a resumable upload stands, and its session. */
export const CORS_EXPOSED_HEADERS = ["range", "location"] as const;

/** How long a browser may reuse a preflight's answer, in seconds (Chromium caps it at 7200). */
export const CORS_MAX_AGE_SECONDS = 7200;

/**
 * Adds CORS to every answer of `app`: `Access-Control-Allow-Origin` with the request's
 * `Origin` (and `Vary: Origin`) on every response, errors and 404s included (a browser hides
 * the body of an answer without it, so the app would see a network failure instead of the
 * runtime's error), and a 204 for each preflight (`OPTIONS` with
 * `Access-Control-Request-Method`), whatever the path, before any route or credential check.
 * Register it before the routes.
 */
export function installCors(app: FastifyInstance): void {
  app.addHook("onRequest", async (request, reply) => {
    allowOrigin(request, reply);
    if (!isPreflight(request)) return;
    return reply
      .code(204)
      .header("access-control-allow-methods", CORS_ALLOWED_METHODS.join(", "))
      .header("access-control-allow-headers", CORS_ALLOWED_HEADERS.join(", "))
      .header("access-control-max-age", String(CORS_MAX_AGE_SECONDS))
      .send();
  });
}

/** Headers set in `onRequest` stay on the reply whatever answers later, the error handler too. */
function allowOrigin(request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin;
  // Without an Origin header this is not a cross-origin request: `*` serves it just as well.
  void reply
    .header("access-control-allow-origin", origin || "*")
    .header("access-control-expose-headers", CORS_EXPOSED_HEADERS.join(", "))
    .header("vary", "Origin");
}

function isPreflight(request: FastifyRequest): boolean {
  return (
    request.method === "OPTIONS" && request.headers["access-control-request-method"] !== undefined
  );
}
