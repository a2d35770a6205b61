import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { invalidArgument, notFound } from "../errors/runtime-error.js";
import { allowHostingAdmin, checkHash, type HostingAdminDeps } from "./admin-routes.js";
import type { SiteFiles } from "./site-files.js";

type Request = FastifyRequest<{ Params: { project: string; target: string } }>;

const VersionNumber = z.coerce.number().int().min(1).max(2_147_483_647);

/**
 * Reading a deployed site back, under `/v1/projects/:project/admin/hosting`: `GET
 * versions/<v>` answers the version with its manifest (`files: { path: { hash, size } }`) and
 * config, `GET files/<sha256>` a file's bytes. `winky export` writes the released version's
 * files with them; the live site itself cannot serve them as stored (rewrites, clean URLs).
 */
export function registerHostingReadRoutes(
  app: FastifyInstance,
  deps: HostingAdminDeps & { files: SiteFiles },
): void {
  const base = "/v1/projects/:project/admin/hosting";

  app.get(`${base}/versions/:target`, async (request: Request) => {
    const project = await allowHostingAdmin(request, request.params.project, deps);
    const parsed = VersionNumber.safeParse(request.params.target);
    if (!/^\d{1,10}$/.test(request.params.target) || !parsed.success) {
      throw invalidArgument(`version: '${request.params.target}' is not a version number`);
    }
    const version = parsed.data;
    const stored = await deps.store.version(project, version);
    if (!stored) throw notFound(`project '${project}' has no hosting version ${version}`);
    return {
      version: stored.version,
      status: stored.status,
      config: stored.config,
      files: stored.manifest,
    };
  });

  app.get<{ Params: { project: string; hash: string } }>(
    `${base}/files/:hash`,
    async (request, reply) => {
      const project = await allowHostingAdmin(request, request.params.project, deps);
      const hash = checkHash(request.params.hash);
      const read = await deps.files.open(project, hash);
      if (!read) throw notFound(`project '${project}' has no site file ${hash}`);
      return reply
        .header("content-type", "application/octet-stream")
        .header("content-length", read.info.size)
        .send(read.body);
    },
  );
}
