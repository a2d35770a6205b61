import type { FastifyInstance } from "fastify";
import { RuntimeError } from "./runtime-error.js";
import { toRuntimeError } from "./to-runtime-error.js";

/**
 * Every error leaves as `{ "error": { "code", "message", "details"? } }` with the code's HTTP
 * status. Internal errors are logged with their cause; their message never reaches the client.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const runtimeError = toRuntimeError(error);
    if (runtimeError.code === "internal") request.log.error({ err: error }, "internal error");
    void reply.code(runtimeError.status).send(runtimeError.toJSON());
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new RuntimeError(
      "not-found",
      `no route for ${request.method} ${request.url.split("?")[0]}`,
    );
    void reply.code(error.status).send(error.toJSON());
  });
}
