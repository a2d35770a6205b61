import type { FastifyInstance, FastifyRequest } from "fastify";
import { authenticateAdmin, requireProject } from "../../admin/admin-auth.js";
import { notFound } from "../../errors/runtime-error.js";
import type { ProjectStore } from "../../projects/project-store.js";
import type { AuthCore, OidcProviderView } from "../core/index.js";
import { callbackUrlOf } from "./request-context.js";

type Params = { Params: { project: string } };
type ProviderParams = { Params: { project: string; provider: string } };

/**
 * A project's OpenID Connect providers, for its service keys and the operator, under
 * `/v1/projects/:project/admin/auth/providers`: list, get, `PUT` (create or replace; leave out
 * `clientSecret` to keep the stored one), `DELETE`. Answers never carry the client secret, only
 * `hasClientSecret`; `providerRedirectUri` is the URL to register at the provider.
 */
export function registerProviderAdminRoutes(
  app: FastifyInstance,
  auth: AuthCore,
  projects: ProjectStore,
  adminKey: string,
): void {
  const base = "/v1/projects/:project/admin/auth/providers";
  const allow = async (request: FastifyRequest, project: string) => {
    requireProject(await authenticateAdmin(request, adminKey, projects), project);
    await projects.get(project);
  };
  const show = (request: FastifyRequest, project: string, view: OidcProviderView) => ({
    ...view,
    providerRedirectUri: view.callbackUrl ?? callbackUrlOf(request, project, view.providerId),
  });

  app.get<Params>(base, async (request) => {
    const { project } = request.params;
    await allow(request, project);
    const providers = await auth.providers.list(project);
    return { providers: providers.map((p) => show(request, project, p)) };
  });

  app.get<ProviderParams>(`${base}/:provider`, async (request) => {
    const { project, provider } = request.params;
    await allow(request, project);
    const view = await auth.providers.get(project, provider);
    if (!view) throw notFound(`project '${project}' has no provider '${provider.slice(0, 40)}'`);
    return { provider: show(request, project, view) };
  });

  app.put<ProviderParams>(`${base}/:provider`, async (request, reply) => {
    const { project, provider } = request.params;
    await allow(request, project);
    const { provider: view, created } = await auth.providers.put(project, provider, request.body);
    return reply.code(created ? 201 : 200).send({ provider: show(request, project, view) });
  });

  app.delete<ProviderParams>(`${base}/:provider`, async (request, reply) => {
    const { project, provider } = request.params;
    await allow(request, project);
    if (!(await auth.providers.delete(project, provider))) {
      throw notFound(`project '${project}' has no provider '${provider.slice(0, 40)}'`);
    }
    return reply.code(204).send();
  });
}
