import type { SecretStore } from "@winky/secrets";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authenticateAdmin, requireProject } from "../admin/admin-auth.js";
import { parseBody } from "../admin/parse-body.js";
import { notFound } from "../errors/runtime-error.js";
import type { ProjectStore } from "../projects/project-store.js";

const SetSecret = z.object({ value: z.string() }).strict();

/**
 * A project's secrets, for its functions: `…/admin/secrets` (list), `…/admin/secrets/:name`
 * (PUT a new version, GET its versions, DELETE). No answer ever carries a value — they reach a
 * function's environment at start, nowhere else — and the audit trail keeps the name only.
 */
export function registerSecretRoutes(
  app: FastifyInstance,
  secrets: SecretStore,
  store: ProjectStore,
  adminKey: string,
): void {
  const base = "/v1/projects/:project/admin/secrets";
  const allow = async (request: Parameters<typeof authenticateAdmin>[0], project: string) => {
    requireProject(await authenticateAdmin(request, adminKey, store), project);
    return (await store.get(project)).id;
  };

  app.get<{ Params: { project: string } }>(base, async (request) => {
    const project = await allow(request, request.params.project);
    return { secrets: await secrets.list(project) };
  });

  app.put<{ Params: { project: string; name: string } }>(`${base}/:name`, async (request) => {
    const project = await allow(request, request.params.project);
    const { value } = parseBody(SetSecret, request.body);
    const version = await secrets.set(project, request.params.name, value);
    return { name: request.params.name, ...version };
  });

  app.get<{ Params: { project: string; name: string } }>(`${base}/:name`, async (request) => {
    const project = await allow(request, request.params.project);
    return {
      name: request.params.name,
      versions: await secrets.versions(project, request.params.name),
    };
  });

  app.delete<{ Params: { project: string; name: string } }>(
    `${base}/:name`,
    async (request, reply) => {
      const project = await allow(request, request.params.project);
      if (!(await secrets.delete(project, request.params.name)))
        throw notFound(`project '${project}' has no secret '${request.params.name}'`);
      return reply.code(204).send();
    },
  );
}
