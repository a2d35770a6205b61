import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { authenticateAdmin, requireProject } from "../admin/admin-auth.js";
import { parseBody } from "../admin/parse-body.js";
import { invalidArgument, notFound } from "../errors/runtime-error.js";
import type { ProjectStore } from "../projects/project-store.js";
import { parseVersionRequest } from "./hosting-config.js";
import type { HostingService } from "./hosting-service.js";
import type { HostingStore } from "./hosting-store.js";
import { SHA256_HEX } from "./site-paths.js";

type ProjectRequest = FastifyRequest<{ Params: { project: string } }>;

export interface HostingAdminDeps {
  service: HostingService;
  store: HostingStore;
  projects: ProjectStore;
  adminKey: string;
}

const version = z.number().int().min(1).max(2_147_483_647);
const ReleaseBody = z.object({ version }).strict();
const ListQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(1000).default(100) })
  .strict();

/**
 * The caller may administer the project (its service key or the operator's) and the project
 * exists; answers the project's id.
 *
 * @throws RuntimeError unauthenticated, permission-denied, not-found.
 */
export async function allowHostingAdmin(
  request: FastifyRequest,
  projectId: string,
  deps: Pick<HostingAdminDeps, "projects" | "adminKey">,
): Promise<string> {
  requireProject(await authenticateAdmin(request, deps.adminKey, deps.projects), projectId);
  return (await deps.projects.get(projectId)).id;
}

/** @throws RuntimeError invalid-argument unless `hash` is a SHA-256 in lowercase hex. */
export function checkHash(hash: string): string {
  if (!SHA256_HEX.test(hash)) {
    throw invalidArgument(
      `hash: '${hash.slice(0, 80)}' is not a SHA-256 in 64 lowercase hex digits`,
      { field: "hash" },
    );
  }
  return hash;
}

/**
 * Deploying a site, under `/v1/projects/:project/admin/hosting`: `POST versions` creates a
 * version from `{ files: { path: sha256 }, config? }` and answers the hashes to upload (`PUT
 * files/<sha256>`, in `upload-route.ts`), `POST versions/<v>:finalize` freezes it, `POST
 * releases` `{ version }` makes a finalized version live (or rolls back to it); `GET versions`
 * and `GET releases` list them, newest first.
 */
export function registerHostingAdminRoutes(app: FastifyInstance, deps: HostingAdminDeps): void {
  const { service, store } = deps;
  const base = "/v1/projects/:project/admin/hosting";

  app.get(`${base}/versions`, async (request: ProjectRequest) => {
    const project = await allowHostingAdmin(request, request.params.project, deps);
    const { limit } = parseBody(ListQuery, request.query);
    return { versions: await store.listVersions(project, limit) };
  });

  app.post(`${base}/versions`, async (request: ProjectRequest, reply) => {
    const project = await allowHostingAdmin(request, request.params.project, deps);
    const created = await service.createVersion(project, parseVersionRequest(request.body));
    return reply.code(201).send(created);
  });

  // `<v>:finalize` is one segment: find-my-way cannot put a literal after a parameter in it.
  app.post<{ Params: { project: string; target: string } }>(
    `${base}/versions/:target`,
    async (request) => {
      const project = await allowHostingAdmin(request, request.params.project, deps);
      const match = /^(\d{1,10}):finalize$/.exec(request.params.target);
      if (!match) {
        throw notFound(`no route for POST ${request.url}; did you mean …/versions/<v>:finalize?`);
      }
      const number = version.safeParse(Number(match[1]));
      if (!number.success) throw invalidArgument(`version: '${match[1]}' is not a version number`);
      return service.finalize(project, number.data);
    },
  );

  app.get(`${base}/releases`, async (request: ProjectRequest) => {
    const project = await allowHostingAdmin(request, request.params.project, deps);
    const { limit } = parseBody(ListQuery, request.query);
    return { releases: await store.listReleases(project, limit) };
  });

  app.post(`${base}/releases`, async (request: ProjectRequest, reply) => {
    const project = await allowHostingAdmin(request, request.params.project, deps);
    const body = parseBody(ReleaseBody, request.body);
    return reply.code(201).send(await service.release(project, body.version));
  });
}
