import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authenticateAdmin, requireProject } from "../admin/admin-auth.js";
import { parseBody } from "../admin/parse-body.js";
import { resolveCaller } from "../documents/api/caller.js";
import { notFound, permissionDenied } from "../errors/runtime-error.js";
import { objectNameInUrl } from "./object-names.js";
import type { StorageRouteDeps } from "./request-caller.js";
import {
  EXPIRES_PARAM,
  MAX_SIGNED_URL_SECONDS,
  SIGNATURE_PARAM,
  SIGNED_METHODS,
  signScope,
} from "./signed-url.js";
import { readJsonBody } from "./upload-body.js";

const SignRequest = z
  .object({
    method: z.enum(SIGNED_METHODS),
    expiresInSeconds: z.number().int().min(1).max(MAX_SIGNED_URL_SECONDS).default(3600),
  })
  .strict();

/**
 * `POST …/storage/o/<name>:signUrl` makes a time-limited URL for one object and one method;
 * `POST …/admin/storage/signing-key:rotate` revokes every URL signed before.
 */
export function registerSignedUrlRoutes(app: FastifyInstance, deps: StorageRouteDeps): void {
  app.post<{ Params: { project: string } }>(
    "/v1/projects/:project/storage/o/*",
    async (request) => {
      const projectId = request.params.project;
      if (!(request.raw.url ?? "").split("?")[0]!.endsWith(":signUrl")) {
        throw notFound(
          "POST on an object is only for ':signUrl'; upload with POST …/storage/o?name=<name>",
        );
      }
      const name = objectNameInUrl(request.raw.url ?? "", ":signUrl");
      await deps.projects.get(projectId);
      const caller = await resolveCaller(request, projectId, deps);
      const { method, expiresInSeconds } = parseBody(SignRequest, await readJsonBody(request.body));
      if (!caller.bypassRules && method === "PUT") {
        // A signed PUT skips the rules at upload time, and the URL does not bind a size or a
        // content type the rules could have checked now.
        throw permissionDenied("only admins (service keys) can sign upload (PUT) URLs");
      }
      if (method === "GET") await deps.service.stat(projectId, caller, name);
      if (method === "DELETE") await deps.service.authorizeDelete(projectId, caller, name);
      const key = await deps.signingKeys.current(projectId);
      const expires = Math.floor(deps.service.limits.now() / 1000) + expiresInSeconds;
      const signature = signScope(key.secret, {
        method,
        projectId,
        name,
        expires,
        keyId: key.keyId,
      });
      const base = request.server.publicUrl ?? `${request.protocol}://${request.host}`;
      const query = new URLSearchParams({
        ...(method === "GET" ? { alt: "media" } : {}),
        [EXPIRES_PARAM]: String(expires),
        [SIGNATURE_PARAM]: signature,
      });
      const path = `/v1/projects/${projectId}/storage/o/${encodeURIComponent(name)}`;
      return {
        url: `${base}${path}?${query.toString()}`,
        method,
        expiresAt: new Date(expires * 1000).toISOString(),
      };
    },
  );

  app.post<{ Params: { project: string } }>(
    "/v1/projects/:project/admin/storage/signing-key::rotate",
    async (request) => {
      const admin = await authenticateAdmin(request, deps.adminKey, deps.projects);
      requireProject(admin, request.params.project);
      const project = await deps.projects.get(request.params.project);
      const { keyId, createdAt } = await deps.signingKeys.rotate(project.id);
      return { rotated: true, keyId, createdAt };
    },
  );
}
