import type { FastifyInstance } from "fastify";
import type pg from "pg";
import { z } from "zod";
import { authenticateAdmin, requireOperator, requireProject } from "../../admin/admin-auth.js";
import { parseBody } from "../../admin/parse-body.js";
import { RuntimeError } from "../../errors/runtime-error.js";
import type { ProjectStore } from "../../projects/project-store.js";
import { MAX_USER_PAGE } from "../core/user-admin.js";
import { UserImportBody, toImportRecords } from "../core/user-import.js";
import { PostgresUserTransfer } from "../postgres/user-transfer.js";

const ExportPage = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_USER_PAGE).optional(),
    pageToken: z.string().optional(),
  })
  .strict();

type Params = { Params: { project: string } };

/**
 * Moving users in and out with their password hashes (`users:import`, `users:export`), over the
 * runtime's PostgreSQL tables (the production auth stores). Import: a project's admin, all or
 * nothing, Firebase scrypt hashes kept so users sign in with their old passwords. Export: the
 * operator key only, since it hands out every password hash of the project; the answer is not
 * cached and nothing here logs a body.
 */
export function registerUserTransferRoutes(
  app: FastifyInstance,
  pool: pg.Pool,
  projects: ProjectStore,
  adminKey: string,
): void {
  const base = "/v1/projects/:project/admin";
  const transfer = new PostgresUserTransfer(pool);

  app.post<Params>(`${base}/users::import`, async (request) => {
    const { project } = request.params;
    requireProject(await authenticateAdmin(request, adminKey, projects), project);
    await projects.get(project);
    const users = parseBody(UserImportBody, request.body, { brackets: true });
    const records = toImportRecords(project, users, new Date());
    const result = await transfer.import(project, records);
    if ("conflict" in result) {
      const { index, field, message } = result.conflict;
      // Nothing was written: the whole batch can be sent again once users[index] is fixed.
      throw new RuntimeError("already-exists", `users[${index}].${field}: ${message}`, {
        index,
        field,
      });
    }
    return { imported: result.imported };
  });

  app.get<Params>(`${base}/users::export`, async (request, reply) => {
    const { project } = request.params;
    requireOperator(await authenticateAdmin(request, adminKey, projects));
    await projects.get(project);
    const { limit, pageToken } = parseBody(ExportPage, request.query);
    void reply.header("cache-control", "no-store");
    return transfer.exportPage(project, {
      limit: limit ?? MAX_USER_PAGE,
      // `?pageToken=` (empty) is the first page, as clients that always send it expect.
      ...(pageToken ? { pageToken } : {}),
    });
  });
}
