/**
 * The entry every bundle is built from: it imports the deployed module (`winky:function`),
 * and adapts the sandbox's call `({ event, context }, sandboxContext)` to the developer's
 * `handler(event, context)` with `context = { ...sandboxContext, auth?, params?, eventId?,
 * documents }`. `documents.commit(writes)` and `documents.get(path)` go through the host API
 * socket (one JSON object per line); an error arrives as `"<code>: <message>"`.
 */
export const FUNCTION_WRAPPER = `
import * as userModule from "winky:function";
import { createConnection } from "node:net";

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
        if (frame.error) waiter.reject(new Error(frame.error.message));
        else waiter.resolve(frame.response);
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

const documents = {
  commit: (writes) => hostCall({ op: "commit", writes }),
  get: (path) => hostCall({ op: "get", path }),
};

export default async function winkyEntry(call, sandboxContext) {
  const handler = userModule.default ?? userModule.handler;
  if (typeof handler !== "function") {
    throw new Error("the function's module exports no default handler(event, context)");
  }
  const result = await handler(call.event, { ...sandboxContext, ...call.context, documents });
  return result === undefined ? null : result;
}
`;
