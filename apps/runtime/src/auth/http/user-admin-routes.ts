import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authenticateAdmin, requireProject } from "../../admin/admin-auth.js";
import { parseBody } from "../../admin/parse-body.js";
import { notFound } from "../../errors/runtime-error.js";
import type { ProjectStore } from "../../projects/project-store.js";
import type { AuthCore } from "../core/index.js";
import { registerProviderAdminRoutes } from "./provider-admin-routes.js";

const Page = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    pageToken: z.string().optional(),
  })
  .strict();
const Disable = z.object({ disabled: z.boolean() }).strict();
const Claims = z.object({ claims: z.record(z.string(), z.unknown()) }).strict();

type UserParams = { Params: { project: string; uid: string } };

/**
 * User administration for a project's service keys (and the operator): list, get, disable,
 * delete, custom claims; signing-key rotation, which logs nobody out; and the project's OpenID
 * Connect providers (`provider-admin-routes.ts`).
 */
export function registerUserAdminRoutes(
  app: FastifyInstance,
  auth: AuthCore,
  projects: ProjectStore,
  adminKey: string,
): void {
  const base = "/v1/projects/:project/admin";
  const allow = async (request: Parameters<typeof authenticateAdmin>[0], project: string) => {
    requireProject(await authenticateAdmin(request, adminKey, projects), project);
    await projects.get(project);
  };
  const found = <T>(user: T | null, uid: string): T => {
    if (!user) throw notFound(`no user '${uid}'`);
    return user;
  };

  app.get<{ Params: { project: string } }>(`${base}/users`, async (request) => {
    await allow(request, request.params.project);
    const page = parseBody(Page, request.query);
    return auth.admin.list(request.params.project, page);
  });

  app.get<UserParams>(`${base}/users/:uid`, async (request) => {
    await allow(request, request.params.project);
    const { project, uid } = request.params;
    return { user: found(await auth.admin.get(project, uid), uid) };
  });

  app.patch<UserParams>(`${base}/users/:uid`, async (request) => {
    await allow(request, request.params.project);
    const { project, uid } = request.params;
    const { disabled } = parseBody(Disable, request.body);
    return { user: found(await auth.admin.setDisabled(project, uid, disabled), uid) };
  });

  app.put<UserParams>(`${base}/users/:uid/claims`, async (request) => {
    await allow(request, request.params.project);
    const { project, uid } = request.params;
    const { claims } = parseBody(Claims, request.body);
    return { user: found(await auth.admin.setCustomClaims(project, uid, claims), uid) };
  });

  app.delete<UserParams>(`${base}/users/:uid`, async (request, reply) => {
    await allow(request, request.params.project);
    const { project, uid } = request.params;
    if (!(await auth.admin.delete(project, uid))) throw notFound(`no user '${uid}'`);
    return reply.code(204).send();
  });

  app.post<{ Params: { project: string } }>(`${base}/signing-keys::rotate`, async (request) => {
    await allow(request, request.params.project);
    return { kid: await auth.keys.rotate(request.params.project) };
  });

  registerProviderAdminRoutes(app, auth, projects, adminKey);
}
