import { REFUSAL_CODES } from "./invocation-error.js";

/**
 * The entry every bundle is built from: it imports the deployed module (`winky:function`),
 * and adapts the sandbox's call `({ event, context }, sandboxContext)` to the developer's
 * `handler(event, context)` with `context = { ...sandboxContext, auth?, params?, eventId?,
 * documents, users, once }`. `documents.commit(writes, { idempotencyKey }?)`,
 * (or `{ deliveryKey }`: keyed by that name within the delivery, not by its ordinal),
 * `documents.get(path)`, `documents.query({ parent, collectionId, … })`,
 * `documents.listCollections(path)`, `documents.descendants(path, after)`, `users.get(uid)`, `users.getByEmail(email)`,
 * `users.setCustomClaims(uid, claims | null)` and `once(key, fn)` go through the host API socket
 * (one JSON object per line); an error arrives as `"<code>: <message>"`. In a trigger, every
 * commit is keyed by the delivery and its ordinal (`commitScope` from the runtime), so a retried
 * delivery does not write twice; a replay is a new delivery. HTTP functions get a fetch
 * `Request` and may answer a `Response`. A callable's refusal thrown as
 * `new Error("<code>: <message>")` gets that `code` (see `markRefusal`).
 */
export const FUNCTION_WRAPPER = `
import * as userModule from "winky:function";
import { createConnection } from "node:net";

const REFUSAL_CODES = new Set(${JSON.stringify(REFUSAL_CODES)});
// The host API's own errors ("not-found: no document …"): uncaught, they are the function's
// failure, not a refusal it chose, so their prefix never becomes a code.
const hostErrors = new WeakSet();

let connection;
let nextId = 0;
const pending = new Map();
function hostCall(request) {
  if (!connection) {
    connection = createConnection(process.env.WINKY_HOST_SOCKET);
    connection.unref();
    let buffered = "";
    connection.setEncoding("utf8");
    connection.on("data", (chunk) => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf("\\n")) >= 0) {
        const frame = JSON.parse(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        const waiter = pending.get(frame.id);
        if (!waiter) continue;
        pending.delete(frame.id);
        if (frame.error) {
          const error = new Error(frame.error.message);
          hostErrors.add(error);
          waiter.reject(error);
        } else waiter.resolve(frame.response);
      }
    });
    connection.on("error", (error) => {
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
      connection = undefined;
    });
  }
  const id = String(++nextId);
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    connection.ref();
    connection.write(JSON.stringify({ id, request }) + "\\n");
  }).finally(() => {
    if (pending.size === 0 && connection) connection.unref();
  });
}

function contextFor(callContext) {
  const { commitScope, http: _http, ...context } = callContext ?? {};
  let commits = 0;
  const documents = {
    commit(writes, options) {
      // A deliveryKey names the commit within the delivery by what it writes (a retry that
      // writes less does not shift the ordinals of the commits after it).
      const named = options && options.deliveryKey !== undefined;
      if (!named) commits++;
      const key =
        options && options.idempotencyKey !== undefined
          ? options.idempotencyKey
          : commitScope
            ? commitScope + (named ? "/named/" + options.deliveryKey : "/commit/" + commits)
            : undefined;
      return hostCall({ op: "commit", writes, ...(key === undefined ? {} : { idempotencyKey: key }) });
    },
    get: (path) => hostCall({ op: "get", path }),
    // A StructuredQuery over one collection (or group), run as an admin: see host-query.ts.
    query: (query) => hostCall({ op: "query", query }),
    // Below a document ("" for the root), at every depth: see host-tree.ts.
    listCollections: (path) => hostCall({ op: "collections", path: path ?? "" }),
    descendants: (path, after) => hostCall({ op: "descendants", path, after: after ?? null }),
  };
  // The project's users, as Firebase's Admin SDK: claims reach a user's token at its next refresh.
  const users = {
    get: (uid) => hostCall({ op: "users.get", uid }),
    getByEmail: (email) => hostCall({ op: "users.getByEmail", email }),
    setCustomClaims: (uid, claims) => hostCall({ op: "users.setCustomClaims", uid, claims }),
  };
  // Runs fn once per key (in a trigger: once per delivery); later calls answer its result.
  async function once(name, fn) {
    if (typeof name !== "string" || typeof fn !== "function") {
      throw new TypeError("once(key, fn): expected a string key and a function");
    }
    const key = commitScope ? commitScope + "/once/" + name : name;
    const recalled = await hostCall({ op: "recall", key });
    if (recalled.recorded) return recalled.value;
    const value = await fn();
    await hostCall({ op: "record", key, value: value === undefined ? null : value });
    return value;
  }
  return { ...context, documents, users, once };
}

const MAX_HTTP_BODY = 6 * 1024 * 1024;

async function serveHttp(handler, request, context) {
  const hasBody = request.body !== null && request.method !== "GET" && request.method !== "HEAD";
  const answer = await handler(
    new Request(new URL(request.url, "http://function.invalid"), {
      method: request.method,
      headers: request.headers,
      ...(hasBody ? { body: Buffer.from(request.body, "base64") } : {}),
    }),
    context,
  );
  let response = answer;
  if (!(answer instanceof Response)) {
    response =
      answer === undefined || answer === null
        ? new Response(null, { status: 204 })
        : Response.json(answer);
  }
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > MAX_HTTP_BODY) {
    throw new Error("the response body is larger than " + MAX_HTTP_BODY + " bytes");
  }
  const headers = [...response.headers.entries()].filter(([name]) => name !== "set-cookie");
  for (const cookie of response.headers.getSetCookie()) headers.push(["set-cookie", cookie]);
  return { status: response.status, headers, body: body.toString("base64") };
}

// Generated apps refuse with new Error("permission-denied: …"): such an error gets its code
// as if thrown as Firebase's HttpsError, which the runtime passes to the caller (an error with
// a code of its own keeps it; the runtime checks the code again).
function markRefusal(error) {
  if (!(error instanceof Error) || hostErrors.has(error) || error.code !== undefined) return;
  const prefix = /^([a-z-]+): /.exec(error.message);
  if (!prefix || !REFUSAL_CODES.has(prefix[1])) return;
  try {
    error.code = prefix[1];
  } catch {
    // A frozen error stays a plain one.
  }
}

export default async function winkyEntry(call, sandboxContext) {
  const handler = userModule.default ?? userModule.handler;
  if (typeof handler !== "function") {
    throw new Error("the function's module exports no default handler(event, context)");
  }
  const context = { ...sandboxContext, ...contextFor(call.context) };
  if (call.context && call.context.http) return serveHttp(handler, call.event, context);
  try {
    const result = await handler(call.event, context);
    return result === undefined ? null : result;
  } catch (error) {
    markRefusal(error);
    throw error;
  }
}
`;
