import { fromPlainJson, type RMap } from "@winky/rules";
import type { FastifyRequest } from "fastify";
import { authenticateAdmin } from "../../admin/admin-auth.js";
import type { AuthCore } from "../../auth/core/index.js";
import { unauthenticated } from "../../errors/runtime-error.js";
import type { ProjectStore } from "../../projects/project-store.js";
import type { Caller } from "../document-service.js";

/**
 * Who makes a request to a project's data, from `Authorization: Bearer …`: nobody (rules see
 * `request.auth == null`), an end user (an access JWT verified with the project's keys; rules
 * see its claims), or an admin (a service key of this project, or the operator key), to whom
 * rules do not apply.
 *
 * @throws RuntimeError unauthenticated for a token or key that is not valid for this project.
 */
export async function resolveCaller(
  request: FastifyRequest,
  projectId: string,
  deps: { auth: AuthCore; projects: ProjectStore; adminKey: string },
): Promise<Caller> {
  const header = request.headers.authorization;
  if (!header) return { auth: null, bypassRules: false, explain: false };
  const bearer = /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header);
  if (bearer) {
    const claims = await deps.auth.accessTokens.verifyAccessToken(projectId, bearer[1]!);
    const value = fromPlainJson({ uid: claims.sub, token: claims }) as RMap;
    return { auth: value, bypassRules: false, explain: false };
  }
  const admin = await authenticateAdmin(request, deps.adminKey, deps.projects).catch(() => {
    throw unauthenticated("the credentials are not valid for this project");
  });
  if (admin.kind === "service-key" && admin.projectId !== projectId) {
    throw unauthenticated("the credentials are not valid for this project");
  }
  return { auth: null, bypassRules: true, explain: true };
}
