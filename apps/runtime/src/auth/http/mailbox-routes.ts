import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authenticateAdmin, requireProject } from "../../admin/admin-auth.js";
import { parseBody } from "../../admin/parse-body.js";
import type { ProjectStore } from "../../projects/project-store.js";
import type { MailMessage } from "../core/index.js";

/** Where the dev mailbox reads mails from: the outbox, newest first. */
export interface Mailbox {
  recent(projectId: string, limit: number): Promise<Array<MailMessage & { createdAt: Date }>>;
}

const Query = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict();

/**
 * `GET /v1/projects/:project/admin/mailbox`: the mails auth queued for a project (sign-up,
 * verification and reset links), for development without an SMTP server. The links are live,
 * so only the project's service keys and the operator may read them.
 */
export function registerMailboxRoutes(
  app: FastifyInstance,
  mailbox: Mailbox,
  projects: ProjectStore,
  adminKey: string,
): void {
  app.get<{ Params: { project: string } }>(
    "/v1/projects/:project/admin/mailbox",
    async (request) => {
      requireProject(await authenticateAdmin(request, adminKey, projects), request.params.project);
      await projects.get(request.params.project);
      const { limit } = parseBody(Query, request.query);
      const mails = await mailbox.recent(request.params.project, limit);
      return {
        messages: mails.map((m) => ({
          to: m.to,
          kind: m.kind,
          subject: m.subject,
          text: m.text,
          createdAt: m.createdAt.toISOString(),
        })),
      };
    },
  );
}
