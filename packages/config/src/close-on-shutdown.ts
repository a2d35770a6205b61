import type { FastifyInstance } from "fastify";

/**
 * Ends each keep-alive connection once its response is out when the server is closing. Node's
 * `server.close()` closes only the connections idle at that moment: one whose response was
 * still being written (a client that has read the whole body can be a few milliseconds ahead
 * of the server's `finish`) stayed open, and `close()` waited for it until Fastify's 72-second
 * keep-alive timeout.
 */
export function endConnectionsOnShutdown(app: FastifyInstance): void {
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", async (_request, reply, payload) => {
    if (closing) void reply.header("connection", "close");
    return payload;
  });
  app.addHook("onResponse", async (request) => {
    if (closing) request.raw.socket?.end();
  });
}
