import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { parseBody } from "../../admin/parse-body.js";
import type { ProjectStore } from "../../projects/project-store.js";
import type { AuthCore } from "../core/index.js";
import {
  loadedProjectMail,
  projectMail,
  requireBearerUser,
  requireMethod,
} from "./request-context.js";

const LinkBody = z.object({ email: z.string(), password: z.string() }).strict();
const TokenBody = z.object({ token: z.string().min(1) }).strict();
const EmailChangeBody = z.object({ newEmail: z.string() }).strict();

type Params = { Params: { project: string } };

/**
 * A signed-in user's email, under `/v1/projects/:project/auth` (Bearer: the user's ID token):
 *
 * - `POST linkWithEmailPassword {email, password}`: mails a link that adds them to the
 *   account (an anonymous upgrade keeps its uid); `POST confirmLinkEmail {token}` opens it.
 * - `POST updateEmail {newEmail}`: mails a link to the new address; `POST confirmEmailChange
 *   {token}` applies the change, ends every session and notifies the old address.
 *
 * Both answer the same whether or not the address has an account.
 */
export function registerAccountRoutes(
  app: FastifyInstance,
  auth: AuthCore,
  projects: ProjectStore,
): void {
  const base = "/v1/projects/:project/auth";

  app.post<Params>(`${base}/linkWithEmailPassword`, async (request) => {
    const { project } = request.params;
    const body = parseBody(LinkBody, request.body);
    const loaded = await requireMethod(projects, project, "emailPassword");
    const user = await requireBearerUser(request, project, auth);
    return auth.linking.linkEmailPassword(
      { projectId: project, ...user, ip: request.ip },
      body,
      loadedProjectMail(loaded),
    );
  });

  app.post<Params>(`${base}/confirmLinkEmail`, async (request) =>
    auth.linking.confirmLinkEmail(request.params.project, parseBody(TokenBody, request.body).token),
  );

  app.post<Params>(`${base}/updateEmail`, async (request, reply) => {
    const { project } = request.params;
    const { newEmail } = parseBody(EmailChangeBody, request.body);
    const user = await requireBearerUser(request, project, auth);
    await auth.linking.requestEmailChange(
      { projectId: project, ...user, ip: request.ip },
      newEmail,
      projectMail(projects, project),
    );
    return reply.code(204).send();
  });

  app.post<Params>(`${base}/confirmEmailChange`, async (request, reply) => {
    const { project } = request.params;
    await auth.linking.confirmEmailChange(
      project,
      parseBody(TokenBody, request.body).token,
      projectMail(projects, project),
    );
    return reply.code(204).send();
  });
}
