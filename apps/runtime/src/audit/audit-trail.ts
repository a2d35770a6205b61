import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { authenticateAdmin, requireOperator, requireProject } from "../admin/admin-auth.js";
import { parseBody } from "../admin/parse-body.js";
import type { ProjectStore } from "../projects/project-store.js";
import type { AuditLog } from "./audit-log.js";

const ADMIN_ROUTE = /^\/v1\/(admin\/|projects\/:project\/admin\/)/;
const READS = new Set(["GET", "HEAD", "OPTIONS"]);

const Page = z
  .object({
    afterSeq: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

/**
 * Every successful admin change is appended to the audit trail before its answer leaves —
 * all of them, by route, so a new admin route cannot be forgotten: who (the operator or a
 * service key), what (method and route), on what (the route's parameters). Request bodies are
 * never kept: they can hold secrets (an OpenID client secret, custom claims).
 */
export function installAuditTrail(app: FastifyInstance, log: AuditLog): void {
  app.addHook("onSend", async (request, reply, payload) => {
    const route = request.routeOptions.url;
    if (READS.has(request.method) || !route || !ADMIN_ROUTE.test(route)) return payload;
    if (reply.statusCode >= 400 || !request.adminCaller) return payload;
    const params = { ...(request.params as Record<string, string>) };
    await log.append(params.project ?? createdProject(request, payload) ?? "", {
      actor: actorOf(request),
      action: `${request.method} ${route}`,
      details: { params, status: reply.statusCode },
    });
    return payload;
  });
}

/** `GET /v1/projects/:project/admin/audit` and, for the operator's chain, `/v1/admin/audit`. */
export function registerAuditRoutes(
  app: FastifyInstance,
  log: AuditLog,
  store: ProjectStore,
  adminKey: string,
): void {
  app.get<{ Params: { project: string } }>("/v1/projects/:project/admin/audit", async (request) => {
    requireProject(await authenticateAdmin(request, adminKey, store), request.params.project);
    const { afterSeq, limit } = parseBody(Page, request.query);
    return { entries: await log.list(request.params.project, afterSeq, limit) };
  });
  app.get("/v1/admin/audit", async (request) => {
    requireOperator(await authenticateAdmin(request, adminKey, store));
    const { afterSeq, limit } = parseBody(Page, request.query);
    return { entries: await log.list("", afterSeq, limit) };
  });
}

function actorOf(request: FastifyRequest): string {
  const caller = request.adminCaller!;
  return caller.kind === "operator" ? "operator" : `service-key:${caller.keyId}`;
}

/** Creating a project names it in the answer, not the route: that project's chain gets it. */
function createdProject(request: FastifyRequest, payload: unknown): string | undefined {
  if (request.method !== "POST" || request.routeOptions.url !== "/v1/admin/projects") return;
  try {
    return (JSON.parse(String(payload)) as { project?: { id?: string } }).project?.id;
  } catch {
    return undefined;
  }
}
