import type { FastifyInstance } from "fastify";

/**
 * An answer sent before the request's body was read (an upload refused on its declared size,
 * a denied write) closes the connection: otherwise Node keeps the socket to drain a body the
 * client may go on sending for minutes, and a server shutting down waits for it.
 */
export function closeConnectionsWithUnreadBodies(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply, payload) => {
    if (!request.raw.complete) void reply.header("connection", "close");
    return payload;
  });
}
