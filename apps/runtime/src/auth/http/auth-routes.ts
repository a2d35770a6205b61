import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { parseBody } from "../../admin/parse-body.js";
import type { ProjectStore } from "../../projects/project-store.js";
import type { AuthCore } from "../core/index.js";
import { registerAccountRoutes } from "./account-routes.js";
import { registerOidcRoutes } from "./oidc-routes.js";
import {
  loadedProjectMail,
  projectMail,
  requireMethod,
  type ConfigurableMethod,
} from "./request-context.js";

const Credentials = z.object({ email: z.string(), password: z.string() }).strict();
const TokenBody = z.object({ token: z.string().min(1) }).strict();
const RefreshBody = z.object({ refreshToken: z.string().min(1) }).strict();
const EmailBody = z.object({ email: z.string() }).strict();
const ResetBody = z.object({ token: z.string().min(1), newPassword: z.string() }).strict();

type Params = { Params: { project: string } };

/**
 * End-user auth under `/v1/projects/:project/auth/*`: email/password sign-up (confirmed by a
 * mailed link) and sign-in, anonymous sign-in, refresh, sign-out, password reset, email
 * verification, the project's JWKS; OpenID Connect sign-in (`oidc-routes.ts`); linking an email
 * and changing it (`account-routes.ts`). Answers never say whether an email has an account.
 */
export function registerAuthRoutes(
  app: FastifyInstance,
  auth: AuthCore,
  projects: ProjectStore,
): void {
  const base = "/v1/projects/:project/auth";
  const enabled = (projectId: string, method: ConfigurableMethod) =>
    requireMethod(projects, projectId, method);

  app.post<Params>(`${base}/signUp`, async (request) => {
    const body = parseBody(Credentials, request.body);
    const project = await enabled(request.params.project, "emailPassword");
    return auth.emailPassword.signUp(
      { projectId: request.params.project, ...body, ip: request.ip },
      loadedProjectMail(project),
    );
  });

  app.post<Params>(`${base}/confirmSignUp`, async (request) =>
    auth.emailPassword.confirmSignUp(
      request.params.project,
      parseBody(TokenBody, request.body).token,
    ),
  );

  app.post<Params>(`${base}/signIn`, async (request) => {
    const body = parseBody(Credentials, request.body);
    await enabled(request.params.project, "emailPassword");
    return auth.emailPassword.signIn({
      projectId: request.params.project,
      ...body,
      ip: request.ip,
    });
  });

  app.post<Params>(`${base}/signInAnonymously`, async (request) => {
    await enabled(request.params.project, "anonymous");
    return auth.sessions.signInAnonymously(request.params.project, request.ip);
  });

  app.post<Params>(`${base}/token`, async (request) =>
    auth.sessions.refresh(
      request.params.project,
      parseBody(RefreshBody, request.body).refreshToken,
    ),
  );

  app.post<Params>(`${base}/signOut`, async (request, reply) => {
    await auth.sessions.signOut(
      request.params.project,
      parseBody(RefreshBody, request.body).refreshToken,
    );
    return reply.code(204).send();
  });

  app.post<Params>(`${base}/sendPasswordReset`, async (request, reply) => {
    const { email } = parseBody(EmailBody, request.body);
    const { project } = request.params;
    await auth.recovery.requestPasswordReset(
      project,
      email,
      request.ip,
      projectMail(projects, project),
    );
    return reply.code(204).send();
  });

  app.post<Params>(`${base}/resetPassword`, async (request, reply) => {
    const body = parseBody(ResetBody, request.body);
    await auth.recovery.resetPassword(request.params.project, body.token, body.newPassword);
    return reply.code(204).send();
  });

  app.post<Params>(`${base}/verifyEmail`, async (request, reply) => {
    await auth.recovery.verifyEmail(
      request.params.project,
      parseBody(TokenBody, request.body).token,
    );
    return reply.code(204).send();
  });

  registerOidcRoutes(app, auth, projects);
  registerAccountRoutes(app, auth, projects);

  // Public: anyone may verify a project's tokens with these keys.
  app.get<Params>(`${base}/jwks`, async (request) => {
    await projects.get(request.params.project);
    return auth.keys.jwks(request.params.project);
  });
}
