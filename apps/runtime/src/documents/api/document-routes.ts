import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AuthCore } from "../../auth/core/index.js";
import type { ProjectStore } from "../../projects/project-store.js";
import type { Caller, DocumentService } from "../document-service.js";
import { parseDocumentPath } from "../model/paths.js";
import { encodeFields } from "../model/wire-encode.js";
import type { StoredDocument } from "../store/document-store.js";
import { aggregate, parseAggregations } from "../query/aggregate.js";
import { parseQuery } from "../query/parse-query.js";
import { resolveCaller } from "./caller.js";
import { parseWrites } from "./parse-writes.js";

/**
 * Documents over HTTP, in Firestore's REST shapes: `GET /v1/projects/:project/documents/<path>`
 * `POST /v1/projects/:project/documents:commit` with `{ writes: [...] }`, and
 * `POST /v1/projects/:project/documents:runQuery` with `{ parent?, structuredQuery }`.
 */
export function registerDocumentRoutes(
  app: FastifyInstance,
  service: DocumentService,
  projects: ProjectStore,
  adminKey: string,
  auth: AuthCore,
): void {
  const callerOf = (request: FastifyRequest<{ Params: { project: string } }>): Promise<Caller> =>
    resolveCaller(request, request.params.project, { auth, projects, adminKey });

  app.get<{ Params: { project: string; "*": string } }>(
    "/v1/projects/:project/documents/*",
    async (request) => {
      const doc = parseDocumentPath(request.params["*"]);
      const stored = await service.get(request.params.project, await callerOf(request), doc.path);
      return toWire(stored, request.params.project);
    },
  );

  app.post<{ Params: { project: string } }>(
    "/v1/projects/:project/documents::runQuery",
    async (request) => {
      const query = parseQuery(request.body, request.params.project);
      const docs = await service.list(request.params.project, await callerOf(request), query);
      return { documents: docs.map((d) => toWire(d, request.params.project)) };
    },
  );

  app.post<{ Params: { project: string } }>(
    "/v1/projects/:project/documents::runAggregationQuery",
    async (request) => {
      const body = (request.body ?? {}) as {
        parent?: unknown;
        structuredAggregationQuery?: Record<string, unknown>;
      };
      const aggregation = body.structuredAggregationQuery ?? {};
      const aggregations = parseAggregations(aggregation.aggregations);
      const query = parseQuery(
        { parent: body.parent, structuredQuery: aggregation.structuredQuery },
        request.params.project,
      );
      const docs = await service.list(request.params.project, await callerOf(request), query);
      const fields = aggregate(
        aggregations,
        docs.map((d) => d.fields),
      );
      return {
        result: {
          aggregateFields: encodeFields(new Map(Object.entries(fields)), {
            projectId: request.params.project,
          }),
        },
      };
    },
  );

  app.post<{ Params: { project: string } }>(
    "/v1/projects/:project/documents::commit",
    async (request) => {
      const writes = parseWrites(request.body, request.params.project);
      return service.commit(request.params.project, await callerOf(request), writes);
    },
  );
}

function toWire(doc: StoredDocument, projectId: string) {
  return {
    name: doc.path,
    fields: encodeFields(doc.fields, { projectId }),
    createTime: doc.createTime,
    updateTime: doc.updateTime,
  };
}
