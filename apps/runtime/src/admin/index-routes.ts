import type { FastifyInstance } from "fastify";
import type pg from "pg";
import { indexJson, parseIndexFile } from "../documents/indexes/index-definitions.js";
import { loadIndexes, replaceIndexes } from "../documents/indexes/index-store.js";
import type { ProjectStore } from "../projects/project-store.js";
import { authenticateAdmin, requireProject } from "./admin-auth.js";

/**
 * A project's composite indexes, in `firestore.indexes.json` form:
 * `GET|PUT /v1/projects/:project/admin/indexes`. A PUT makes the declared set exactly the
 * file's (like `firebase deploy --only firestore:indexes --force`), building new indexes from
 * the stored documents before it answers.
 */
export function registerIndexRoutes(
  app: FastifyInstance,
  pool: pg.Pool,
  store: ProjectStore,
  adminKey: string,
): void {
  app.get<{ Params: { project: string } }>(
    "/v1/projects/:project/admin/indexes",
    async (request) => {
      requireProject(await authenticateAdmin(request, adminKey, store), request.params.project);
      const project = await store.get(request.params.project);
      return { indexes: (await loadIndexes(pool, project.id)).map(indexJson), fieldOverrides: [] };
    },
  );

  app.put<{ Params: { project: string } }>(
    "/v1/projects/:project/admin/indexes",
    async (request) => {
      requireProject(await authenticateAdmin(request, adminKey, store), request.params.project);
      const { indexes, warnings } = parseIndexFile(request.body);
      const project = await store.get(request.params.project);
      const { created, deleted } = await replaceIndexes(pool, project.id, indexes);
      await store.events.changed(project.id);
      return { indexes: indexes.map(indexJson), created, deleted, warnings };
    },
  );
}
