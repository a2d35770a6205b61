import { isBlobStoreError } from "@winky/blob-store";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { parseBody } from "../admin/parse-body.js";
import { invalidArgument } from "../errors/runtime-error.js";
import { toRuntimeError } from "../errors/to-runtime-error.js";
import { storageCaller, type StorageRouteDeps } from "./request-caller.js";
import { bodyStream, byteCount, contentTypeOf, readJsonBody } from "./upload-body.js";
import { parseContentRange, toWireObject } from "./wire.js";

type ProjectRequest = FastifyRequest<{ Params: { project: string } }>;

const SessionQuery = z
  .object({
    uploadType: z.literal("resumable").optional(),
    upload_id: z.string().regex(/^[0-9a-f]{32}$/, "expected the id of a resumable upload"),
  })
  .strict();

const StartBody = z
  .object({
    contentType: z.string().max(1024).optional(),
    cacheControl: z.string().max(1024).optional(),
    contentDisposition: z.string().max(1024).optional(),
    metadata: z.record(z.string(), z.string()).optional(),
  })
  .strict();

/**
 * Opens a resumable upload (`POST …/o?name=&uploadType=resumable`), as Cloud Storage's JSON
 * API does: the type and size in `X-Upload-Content-Type` / `X-Upload-Content-Length`, other
 * metadata as an optional JSON body; answers the session URL in `Location`. The rules judge the
 * declared size and type now; the store refuses any byte past the declared size.
 */
export async function startResumableUpload(
  request: ProjectRequest,
  reply: FastifyReply,
  name: string,
  deps: StorageRouteDeps,
) {
  const projectId = request.params.project;
  const caller = await storageCaller(request, projectId, { name, method: "POST" }, deps);
  const body = parseBody(StartBody, await readJsonBody(request.body));
  const headerType = request.headers["x-upload-content-type"];
  const size = byteCount(
    request.headers["x-upload-content-length"] as string | undefined,
    "X-Upload-Content-Length",
  );
  const uploadId = await deps.service.startUpload(projectId, caller, name, {
    contentType: contentTypeOf(
      (typeof headerType === "string" ? headerType : undefined) ?? body.contentType,
      "X-Upload-Content-Type",
    ),
    metadata: body.metadata ?? {},
    ...(size !== undefined ? { size } : {}),
    ...(body.cacheControl !== undefined ? { cacheControl: body.cacheControl } : {}),
    ...(body.contentDisposition !== undefined
      ? { contentDisposition: body.contentDisposition }
      : {}),
  });
  const base = request.server.publicUrl ?? `${request.protocol}://${request.host}`;
  const sessionUrl = `${base}/v1/projects/${projectId}/storage/o?uploadType=resumable&upload_id=${uploadId}`;
  return reply.code(200).header("location", sessionUrl).send({ uploadId, sessionUrl });
}

/**
 * The session URL: `PUT` with `Content-Range: bytes a-b/<total|*>` appends a chunk (answering
 * `308` with `Range: bytes=0-<last>` until the total is in, then `200` with the object);
 * `Content-Range: bytes *\/<total|*>` with no body asks where to resume; no `Content-Range`
 * sends the whole content at once; `DELETE` cancels. The upload id is the capability, as a
 * Cloud Storage session URI is: whoever holds it may continue the upload the rules allowed.
 */
export function registerUploadSessionRoutes(app: FastifyInstance, deps: StorageRouteDeps): void {
  const { service } = deps;
  const base = "/v1/projects/:project/storage/o";

  app.put(base, async (request: ProjectRequest, reply) => {
    const projectId = request.params.project;
    const { upload_id: uploadId } = parseBody(SessionQuery, request.query);
    const length = byteCount(request.headers["content-length"], "Content-Length");
    const header = request.headers["content-range"];
    let start: number;
    let total: number | undefined;
    const body = bodyStream(request.body);
    if (header === undefined) {
      if (length === undefined) {
        throw invalidArgument("Content-Range or Content-Length is required", {
          field: "Content-Range",
        });
      }
      start = 0;
      total = length;
    } else {
      const range = parseContentRange(header);
      if (!range) {
        throw invalidArgument(
          `Content-Range: expected 'bytes <first>-<last>/<total|*>' or 'bytes */<total|*>', got ${JSON.stringify(header)}`,
          { field: "Content-Range" },
        );
      }
      if (range.kind === "query") {
        if ((length ?? 0) !== 0) {
          throw invalidArgument("Content-Range: a status query ('bytes */…') has no body", {
            field: "Content-Range",
          });
        }
        start = (await service.uploadStatus(projectId, uploadId)).offset;
      } else {
        if (length !== undefined && length !== range.end - range.start + 1) {
          throw invalidArgument(
            `Content-Range: bytes ${range.start}-${range.end} are ${range.end - range.start + 1} bytes, but Content-Length is ${length}`,
            { field: "Content-Range" },
          );
        }
        start = range.start;
      }
      total = range.total;
    }
    try {
      const result = await service.appendChunk(projectId, uploadId, start, body, total);
      if (result.done) return toWireObject(projectId, result.info);
      return incomplete(reply, result.status.offset).code(308).send();
    } catch (e) {
      if (!isBlobStoreError(e) || e.code !== "offset-mismatch") throw e;
      // 409 rather than Cloud Storage's 308: the chunk was refused, which a 308 ("go on")
      // would hide; the Range header still says where to resume, as GCS clients read it.
      body.destroy();
      const error = toRuntimeError(e);
      return incomplete(reply, e.expectedOffset ?? 0)
        .code(error.status)
        .send(error.toJSON());
    }
  });

  app.delete(base, async (request: ProjectRequest, reply) => {
    const { upload_id: uploadId } = parseBody(SessionQuery, request.query);
    await service.abortUpload(request.params.project, uploadId);
    return reply.code(204).send();
  });
}

function incomplete(reply: FastifyReply, offset: number): FastifyReply {
  return offset > 0 ? reply.header("range", `bytes=0-${offset - 1}`) : reply;
}
