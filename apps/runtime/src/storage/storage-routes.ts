import type { BlobRead } from "@winky/blob-store";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { parseBody } from "../admin/parse-body.js";
import { invalidArgument } from "../errors/runtime-error.js";
import { checkObjectName, objectNameInUrl } from "./object-names.js";
import { storageCaller, type StorageRouteDeps } from "./request-caller.js";
import { registerSignedUrlRoutes } from "./signed-url-routes.js";
import { registerUploadSessionRoutes, startResumableUpload } from "./upload-session-routes.js";
import {
  bodyStream,
  byteCount,
  contentTypeOf,
  metadataFromHeaders,
  readJsonBody,
} from "./upload-body.js";
import { isRangeNotSatisfiable, parseRange, toWireObject } from "./wire.js";

type ProjectRequest = FastifyRequest<{ Params: { project: string } }>;

const ListQuery = z
  .object({
    prefix: z.string().max(1024).default(""),
    delimiter: z.literal("/").optional(),
    maxResults: z.coerce.number().int().min(1).max(1000).optional(),
    pageToken: z.string().min(1).max(4096).optional(),
  })
  .strict();

const nullableText = z.string().max(1024).nullable().optional();
const MetadataPatch = z
  .object({
    contentType: nullableText,
    cacheControl: nullableText,
    contentDisposition: nullableText,
    metadata: z.record(z.string(), z.string().nullable()).nullable().optional(),
  })
  .strict();

const UploadQuery = z
  .object({
    name: z.string(),
    uploadType: z.enum(["media", "resumable"]).default("media"),
  })
  .strict();

/**
 * A project's default bucket over HTTP, in Firebase Storage's REST shapes under
 * `/v1/projects/:project/storage`: `GET o?prefix=&delimiter=/&maxResults=&pageToken=` lists,
 * `POST o?name=` uploads (body = content, `Content-Type`, `x-goog-meta-*`), `uploadType=resumable`
 * opens a session, `GET o/<name>` is metadata and `?alt=media` the content (one `Range`, 416
 * when no byte is in it), `PATCH` changes metadata, `DELETE` deletes, `PUT o/<name>` uploads
 * too (signed URLs).
 * Bodies are streamed to the store, never held whole: the routes live in their own scope whose
 * only body parser hands the raw stream over.
 */
export function registerStorageRoutes(app: FastifyInstance, deps: StorageRouteDeps): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
    registerObjectRoutes(scope, deps);
    registerUploadSessionRoutes(scope, deps);
    registerSignedUrlRoutes(scope, deps);
  });
}

function registerObjectRoutes(app: FastifyInstance, deps: StorageRouteDeps): void {
  const { service } = deps;
  const base = "/v1/projects/:project/storage/o";

  app.get(base, async (request: ProjectRequest) => {
    const projectId = request.params.project;
    const query = parseBody(ListQuery, request.query);
    const caller = await storageCaller(request, projectId, { name: "", method: "POST" }, deps);
    const page = await service.list(projectId, caller, {
      prefix: query.prefix,
      ...(query.delimiter ? { delimiter: query.delimiter } : {}),
      ...(query.maxResults ? { pageSize: query.maxResults } : {}),
      ...(query.pageToken ? { pageToken: query.pageToken } : {}),
    });
    return {
      prefixes: page.prefixes,
      items: page.items.map((i) => ({ name: i.name, bucket: projectId, size: String(i.size) })),
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    };
  });

  app.post(base, async (request: ProjectRequest, reply) => {
    const projectId = request.params.project;
    const query = parseBody(UploadQuery, request.query);
    const name = checkObjectName(query.name, "name");
    if (query.uploadType === "resumable") {
      return startResumableUpload(request, reply, name, deps);
    }
    const caller = await storageCaller(request, projectId, { name, method: "POST" }, deps);
    return upload(request, reply, caller, name, deps);
  });

  app.put(`${base}/*`, async (request: ProjectRequest, reply) => {
    const name = objectNameInUrl(request.raw.url ?? "");
    const caller = await storageCaller(
      request,
      request.params.project,
      { name, method: "PUT" },
      deps,
    );
    return upload(request, reply, caller, name, deps);
  });

  app.get(`${base}/*`, async (request: ProjectRequest, reply) => {
    const projectId = request.params.project;
    const name = objectNameInUrl(request.raw.url ?? "");
    const caller = await storageCaller(request, projectId, { name, method: "GET" }, deps);
    if ((request.query as { alt?: unknown }).alt !== "media") {
      return toWireObject(projectId, await service.stat(projectId, caller, name));
    }
    let read: BlobRead;
    try {
      read = await service.download(projectId, caller, name, parseRange(request.headers.range));
    } catch (e) {
      if (!isRangeNotSatisfiable(e)) throw e;
      // The code table has no 416 (out-of-range is 400 elsewhere), so this route sets it.
      return reply
        .code(416)
        .header("content-range", `bytes */${e.details.size}`)
        .header("accept-ranges", "bytes")
        .send(e.toJSON());
    }
    const { info } = read;
    void reply
      .header("content-type", info.contentType)
      .header("accept-ranges", "bytes")
      .header("etag", `"${info.md5Hash}"`)
      .header("x-goog-generation", info.generation);
    if (info.cacheControl) void reply.header("cache-control", info.cacheControl);
    if (info.contentDisposition) void reply.header("content-disposition", info.contentDisposition);
    if (read.range) {
      void reply
        .code(206)
        .header("content-range", `bytes ${read.range.start}-${read.range.end}/${info.size}`)
        .header("content-length", read.range.end - read.range.start + 1);
    } else void reply.header("content-length", info.size);
    return reply.send(read.body);
  });

  app.patch(`${base}/*`, async (request: ProjectRequest) => {
    const projectId = request.params.project;
    const name = objectNameInUrl(request.raw.url ?? "");
    const caller = await storageCaller(request, projectId, { name, method: "PATCH" }, deps);
    const patch = parseBody(MetadataPatch, await readJsonBody(request.body));
    const info = await service.updateMetadata(projectId, caller, name, {
      ...(patch.contentType !== undefined
        ? { contentType: patch.contentType && contentTypeOf(patch.contentType, "contentType") }
        : {}),
      ...(patch.cacheControl !== undefined ? { cacheControl: patch.cacheControl } : {}),
      ...(patch.contentDisposition !== undefined
        ? { contentDisposition: patch.contentDisposition }
        : {}),
      ...(patch.metadata !== undefined ? { metadata: patch.metadata } : {}),
    });
    return toWireObject(projectId, info);
  });

  app.delete(`${base}/*`, async (request: ProjectRequest, reply) => {
    const projectId = request.params.project;
    const name = objectNameInUrl(request.raw.url ?? "");
    const caller = await storageCaller(request, projectId, { name, method: "DELETE" }, deps);
    await service.delete(projectId, caller, name);
    return reply.code(204).send();
  });
}

/** A one-request upload: the body is the content, streamed to the store. */
async function upload(
  request: ProjectRequest,
  reply: FastifyReply,
  caller: Awaited<ReturnType<typeof storageCaller>>,
  name: string,
  deps: StorageRouteDeps,
) {
  const headers = request.headers;
  if (headers["content-type"]?.toLowerCase().startsWith("multipart/")) {
    throw invalidArgument(
      "multipart uploads are not supported: send the content as the body with its Content-Type " +
        "and custom metadata as x-goog-meta-* headers, or use uploadType=resumable",
      { field: "Content-Type" },
    );
  }
  const size = byteCount(headers["content-length"], "Content-Length");
  const info = await deps.service.upload(
    request.params.project,
    caller,
    name,
    bodyStream(request.body),
    {
      contentType: contentTypeOf(headers["content-type"], "Content-Type"),
      metadata: metadataFromHeaders(headers),
      ...(size !== undefined ? { size } : {}),
      ...(typeof headers["cache-control"] === "string"
        ? { cacheControl: headers["cache-control"] }
        : {}),
      ...(typeof headers["content-disposition"] === "string"
        ? { contentDisposition: headers["content-disposition"] }
        : {}),
    },
  );
  return reply.code(200).send(toWireObject(request.params.project, info));
}
