import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { ProjectStore } from "../projects/project-store.js";
import { authenticateAdmin, requireOperator, requireProject } from "./admin-auth.js";
import { parseBody } from "./parse-body.js";

const CreateProject = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{2,62}$/,
        "must be 3-63 characters: a-z, 0-9 and '-', starting with a letter",
      ),
    displayName: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

const CreateKey = z
  .object({ name: z.string().trim().min(1, "must not be blank").max(100) })
  .strict();

/**
 * Projects and service keys: `/v1/admin/projects` for the operator, and
 * `/v1/projects/:project/admin/keys` for the operator or the project's own keys.
 */
export function registerProjectRoutes(
  app: FastifyInstance,
  store: ProjectStore,
  adminKey: string,
): void {
  const caller = (request: Parameters<typeof authenticateAdmin>[0]) =>
    authenticateAdmin(request, adminKey, store);

  app.post("/v1/admin/projects", async (request, reply) => {
    requireOperator(await caller(request));
    const body = parseBody(CreateProject, request.body);
    const created = await store.create(body.id, body.displayName ?? body.id);
    return reply
      .code(201)
      .send({ project: created.project, serviceKey: { ...created.keyView, key: created.key } });
  });

  app.get("/v1/admin/projects", async (request) => {
    requireOperator(await caller(request));
    return { projects: await store.list() };
  });

  app.get<{ Params: { project: string } }>("/v1/admin/projects/:project", async (request) => {
    requireProject(await caller(request), request.params.project);
    return { project: await store.get(request.params.project) };
  });

  app.delete<{ Params: { project: string } }>(
    "/v1/admin/projects/:project",
    async (request, reply) => {
      requireOperator(await caller(request));
      await store.delete(request.params.project);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { project: string } }>("/v1/projects/:project/admin/keys", async (request) => {
    requireProject(await caller(request), request.params.project);
    return { keys: await store.listKeys(request.params.project) };
  });

  app.post<{ Params: { project: string } }>(
    "/v1/projects/:project/admin/keys",
    async (request, reply) => {
      requireProject(await caller(request), request.params.project);
      const body = parseBody(CreateKey, request.body);
      const created = await store.addKey(request.params.project, body.name);
      return reply.code(201).send({ serviceKey: { ...created.keyView, key: created.key } });
    },
  );

  app.delete<{ Params: { project: string; keyId: string } }>(
    "/v1/projects/:project/admin/keys/:keyId",
    async (request, reply) => {
      requireProject(await caller(request), request.params.project);
      await store.revokeKey(request.params.project, request.params.keyId);
      return reply.code(204).send();
    },
  );
}
