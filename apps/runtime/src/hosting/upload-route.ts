import type { FastifyInstance, FastifyRequest } from "fastify";
import { RuntimeError } from "../errors/runtime-error.js";
import { allowHostingAdmin, checkHash, type HostingAdminDeps } from "./admin-routes.js";

type UploadRequest = FastifyRequest<{ Params: { project: string; hash: string } }>;

/**
 * `PUT /v1/projects/:project/admin/hosting/files/<sha256>`: the body is the file, of any
 * content type, at most `maxFileSize` bytes. Its own scope parses every body as raw bytes up to
 * that size (past the app's JSON limit). The caller, the project and the hash are checked as
 * soon as the request arrives, and a declared `Content-Length` over the limit is refused then,
 * so no body is read for a request that would be refused anyway.
 */
export function registerHostingUploadRoute(
  app: FastifyInstance,
  deps: HostingAdminDeps & { maxFileSize: number },
): void {
  const tooLarge = (size: string) =>
    new RuntimeError(
      "resource-exhausted",
      `body: a site file may be at most ${deps.maxFileSize} bytes, not ${size}`,
      { field: "body", limit: deps.maxFileSize },
    );

  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      "*",
      { parseAs: "buffer", bodyLimit: deps.maxFileSize },
      (_request, body, done) => done(null, body),
    );
    // Fastify's own refusal of a body past `bodyLimit` (one sent without Content-Length).
    scope.setErrorHandler((error, _request, reply) => {
      const status = (error as { statusCode?: number }).statusCode;
      if (status !== 413) throw error;
      const refused = tooLarge("more");
      return reply.code(refused.status).send(refused.toJSON());
    });

    scope.put(
      "/v1/projects/:project/admin/hosting/files/:hash",
      {
        onRequest: async (request: UploadRequest) => {
          await allowHostingAdmin(request, request.params.project, deps);
          checkHash(request.params.hash);
          const declared = request.headers["content-length"];
          if (declared !== undefined && Number(declared) > deps.maxFileSize) {
            throw tooLarge(declared);
          }
        },
      },
      async (request: UploadRequest) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return deps.service.upload(request.params.project, request.params.hash, body);
      },
    );
  });
}
