import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from "@trpc/server/adapters/fastify";
import type { FastifyInstance } from "fastify";
import {
  createApiServices,
  createContextFactory,
  type ApiDeps,
  type ApiServices,
} from "./context.js";
import { apiRouter, type AppRouter } from "./router.js";

/** Where the API is served: queries and mutations over HTTP, subscriptions over SSE. */
export const API_PREFIX = "/trpc";

/**
 * Serves the API on `app` under {@link API_PREFIX}. The run events subscriptions share one
 * LISTEN connection taken from `deps.pool`, which is given back when the app closes (before it
 * stops listening, so open streams end and their clients reconnect elsewhere). The pool stays
 * the caller's to end.
 */
export function registerApi(app: FastifyInstance, deps: ApiDeps): ApiServices {
  const services = createApiServices(deps);
  const trpcOptions: FastifyTRPCPluginOptions<AppRouter>["trpcOptions"] = {
    router: apiRouter,
    createContext: createContextFactory(services),
    onError({ error, path, req }) {
      // Client mistakes are answered, not logged; what is logged never holds the input.
      if (error.code !== "INTERNAL_SERVER_ERROR") return;
      req.log.error({ path, err: error.cause?.message ?? error.message }, "API call failed");
    },
  };
  app.register(fastifyTRPCPlugin, { prefix: API_PREFIX, trpcOptions });
  app.addHook("preClose", async () => {
    await services.hub.close();
  });
  return services;
}
