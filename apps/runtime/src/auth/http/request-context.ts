import type { FastifyRequest } from "fastify";
import { RuntimeError, unauthenticated } from "../../errors/runtime-error.js";
import type { ProjectConfig } from "../../projects/project-config.js";
import type { ProjectStore, ProjectView } from "../../projects/project-store.js";
import type { AuthCore, MailSettings, ProjectMailLookup } from "../core/index.js";

/** The sign-in methods a project switches on and off in its config. */
export type ConfigurableMethod = "emailPassword" | "anonymous";

/**
 * Checks that the project exists and has the method enabled, and answers it (its mail settings
 * come from it: {@link loadedProjectMail}).
 *
 * @throws RuntimeError not-found for an unknown project, failed-precondition when disabled.
 */
export async function requireMethod(
  projects: ProjectStore,
  projectId: string,
  method: ConfigurableMethod,
): Promise<ProjectView> {
  const project = await projects.get(projectId);
  if (!project.config.auth[method].enabled) {
    throw new RuntimeError(
      "failed-precondition",
      `${method} sign-in is not enabled for project '${projectId}'`,
    );
  }
  return project;
}

/** The mail settings a project's config (`auth.mail`) gives, over the runtime's defaults. */
export function mailSettingsOf(config: ProjectConfig): Partial<MailSettings> {
  const own = config.auth.mail;
  return {
    ...(own?.actionUrl !== undefined ? { actionBaseUrl: own.actionUrl } : {}),
    ...(own?.appName !== undefined ? { appName: own.appName } : {}),
  };
}

/** The mail settings of a project this request already loaded: no further query. */
export function loadedProjectMail(project: ProjectView): ProjectMailLookup {
  return async () => mailSettingsOf(project.config);
}

/**
 * The mail settings of a project this request has not loaded, read (from the project cache)
 * only when a mail goes out: a request that mails nothing, or names an unknown project, answers
 * as it did without them.
 */
export function projectMail(projects: ProjectStore, projectId: string): ProjectMailLookup {
  return async () => mailSettingsOf((await projects.get(projectId)).config);
}

/** The end user behind a request's access token. */
export interface BearerUser {
  uid: string;
  /** When they signed in (`auth_time`), kept across refreshes. */
  authTime: Date;
}

/**
 * The user of `Authorization: Bearer <ID token>`, verified for the project; null without the
 * header.
 *
 * @throws RuntimeError unauthenticated for another kind of Authorization header; AuthError
 *   `invalid-token`, `token-expired`, `wrong-project` for a token that does not verify.
 */
export async function bearerUser(
  request: FastifyRequest,
  projectId: string,
  auth: AuthCore,
): Promise<BearerUser | null> {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthenticated("send the user's ID token as 'Authorization: Bearer <token>'");
  const claims = await auth.accessTokens.verifyAccessToken(projectId, match[1]!);
  return { uid: claims.sub, authTime: new Date(claims.auth_time * 1000) };
}

/**
 * Like {@link bearerUser}, for routes only a signed-in user may call.
 *
 * @throws RuntimeError unauthenticated without the header, and as {@link bearerUser}.
 */
export async function requireBearerUser(
  request: FastifyRequest,
  projectId: string,
  auth: AuthCore,
): Promise<BearerUser> {
  const user = await bearerUser(request, projectId, auth);
  if (!user) {
    throw unauthenticated("sign in first: this needs 'Authorization: Bearer <ID token>'");
  }
  return user;
}

/**
 * The runtime's own callback URL for a provider, as this request reached it. Behind a proxy
 * that terminates TLS this may say `http:`: set the provider's `callbackUrl` then.
 */
export function callbackUrlOf(request: FastifyRequest, projectId: string, providerId: string) {
  const project = encodeURIComponent(projectId);
  const provider = encodeURIComponent(providerId);
  // Behind a proxy the request's own scheme and host are the proxy's upstream: the configured
  // public URL (WINKY_PUBLIC_URL) is what browsers and providers reach.
  const base = request.server.publicUrl ?? `${request.protocol}://${request.host}`;
  return `${base}/v1/projects/${project}/auth/oidc/${provider}/callback`;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The runtime's public base URL without a trailing slash, when configured. */
    publicUrl: string | null;
  }
}
