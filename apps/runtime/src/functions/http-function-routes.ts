import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AuthCore } from "../auth/core/index.js";
import { notFound } from "../errors/runtime-error.js";
import type { ProjectStore } from "../projects/project-store.js";
import { FUNCTION_NAME } from "./function-config.js";
import type { FunctionRunner } from "./function-runner.js";
import type { FunctionStore } from "./function-store.js";
import { invocationError } from "./invocation-error.js";

/** Requests and answers of HTTP functions, as AWS Lambda's synchronous payloads. */
export const MAX_HTTP_FUNCTION_BODY = 6 * 1024 * 1024;

/** Connection-level headers: they describe this hop, not the request or the answer. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  "content-length",
  "proxy-connection",
]);

type HttpRequest = FastifyRequest<{ Params: { project: string; name: string; "*"?: string } }>;

interface HttpAnswer {
  status: number;
  headers: [string, string][];
  body: string;
}

/**
 * Plain HTTP functions at `/v1/projects/:project/http/:name[/…]`, any method: the function gets
 * a fetch `Request` (its URL the part after the name, with the query) and answers a `Response`
 * or a JSON value. Open to anyone, like Firebase's `onRequest`: `context.auth` is the caller
 * when the request carries a valid ID token, null otherwise, and the function decides. Bodies
 * pass as bytes, whatever their type, up to 6 MiB each way.
 */
export function registerHttpFunctionRoutes(
  app: FastifyInstance,
  deps: { runner: FunctionRunner; store: FunctionStore; projects: ProjectStore; auth: AuthCore },
): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      "*",
      { parseAs: "buffer", bodyLimit: MAX_HTTP_FUNCTION_BODY },
      (_request, body, done) => done(null, body),
    );
    const serve = (request: HttpRequest, reply: FastifyReply) => serveHttp(deps, request, reply);
    scope.all("/v1/projects/:project/http/:name", serve);
    scope.all("/v1/projects/:project/http/:name/*", serve);
  });
}

async function serveHttp(
  deps: { runner: FunctionRunner; store: FunctionStore; projects: ProjectStore; auth: AuthCore },
  request: HttpRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { project, name } = request.params;
  const projectId = (await deps.projects.get(project)).id;
  const fn = FUNCTION_NAME.test(name) ? await deps.store.live(projectId, name) : undefined;
  if (!fn || fn.trigger.kind !== "http")
    throw notFound(`project '${project}' has no HTTP function '${name}'`);
  const query = request.url.includes("?") ? request.url.slice(request.url.indexOf("?")) : "";
  const headers = Object.entries(request.headers).flatMap(([k, v]) =>
    HOP_BY_HOP.has(k) || v === undefined ? [] : [[k, Array.isArray(v) ? v.join(", ") : v]],
  );
  const body = Buffer.isBuffer(request.body) ? request.body.toString("base64") : null;
  const event = {
    method: request.method,
    url: `/${request.params["*"] ?? ""}${query}`,
    headers,
    body,
  };
  const auth = await callerOf(deps.auth, projectId, request.headers.authorization);
  const { result } = await deps.runner.invoke(
    projectId,
    name,
    { event, context: { auth, http: true } } as never,
    fn,
  );
  if (!result.ok) throw invocationError(name, result.error, false);
  const answer = result.result as unknown as HttpAnswer;
  for (const [header, value] of answer.headers) {
    if (!HOP_BY_HOP.has(header.toLowerCase())) void reply.header(header, value);
  }
  return reply.code(answer.status).send(Buffer.from(answer.body, "base64"));
}

/** The caller of an ID token, as callables see it; null without one or when it is not valid. */
async function callerOf(auth: AuthCore, projectId: string, authorization: string | undefined) {
  const token = /^Bearer\s+(.+)$/.exec(authorization ?? "")?.[1];
  if (!token) return null;
  try {
    const claims = await auth.accessTokens.verifyAccessToken(projectId, token);
    return { uid: claims.sub, token: JSON.parse(JSON.stringify(claims)) as unknown };
  } catch {
    return null;
  }
}
