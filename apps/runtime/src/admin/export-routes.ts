import type { FastifyInstance } from "fastify";
import type pg from "pg";
import { decodeStoredFields, encodeFields } from "../documents/model/wire.js";
import type { ProjectStore } from "../projects/project-store.js";
import { authenticateAdmin, requireProject } from "./admin-auth.js";

/**
 * `GET /v1/projects/:project/admin/export`: every document of a project in Firestore's wire
 * format, so an export can be read back with the commit API (`winky emulators:start
 * --export-on-exit` / `--import`). No lock-in: the format is plain JSON.
 */
export function registerExportRoutes(
  app: FastifyInstance,
  pool: pg.Pool,
  projects: ProjectStore,
  adminKey: string,
): void {
  app.get<{ Params: { project: string } }>(
    "/v1/projects/:project/admin/export",
    async (request) => {
      requireProject(await authenticateAdmin(request, adminKey, projects), request.params.project);
      const project = await projects.get(request.params.project);
      const { rows } = await pool.query<{ path: string; fields: unknown }>(
        "select path, fields from runtime.documents where project_id = $1 order by path",
        [project.id],
      );
      return {
        format: "winky-export/1",
        project: project.id,
        exportedAt: new Date().toISOString(),
        // Stored fields are not quite the wire form (strings holding U+0000 differ): decode
        // them as stored and encode them as a client sends them.
        documents: rows.map((r) => ({
          name: r.path,
          fields: encodeFields(decodeStoredFields(r.fields, { projectId: project.id }), {
            projectId: project.id,
          }),
        })),
      };
    },
  );
}
