import type { FastifyRequest } from "fastify";
import { permissionDenied, unauthenticated } from "../errors/runtime-error.js";
import type { ProjectStore } from "../projects/project-store.js";
import { projectOfServiceKey, sameSecret } from "./keys.js";

/** Who calls the admin API: the operator (the runtime's admin key) or one project's service key. */
export type AdminCaller =
  { kind: "operator" } | { kind: "service-key"; projectId: string; keyId: string };

/**
 * Reads `Authorization: Bearer <key>`.
 *
 * @throws RuntimeError unauthenticated for a missing, malformed, unknown or revoked key; the
 *   message never says which, so keys cannot be probed.
 */
export async function authenticateAdmin(
  request: FastifyRequest,
  adminKey: string,
  store: ProjectStore,
): Promise<AdminCaller> {
  const header = request.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthenticated("the admin API needs 'Authorization: Bearer <key>'");
  const key = match[1]!;
  let caller: AdminCaller | undefined;
  if (sameSecret(key, adminKey)) caller = { kind: "operator" };
  else if (projectOfServiceKey(key)) {
    const found = await store.findKey(key);
    if (found) caller = { kind: "service-key", projectId: found.projectId, keyId: found.id };
  }
  if (!caller) throw unauthenticated("the key is not valid");
  // The audit trail names who made a change (src/audit/audit-trail.ts).
  request.adminCaller = caller;
  return caller;
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set once the admin API authenticated the request. */
    adminCaller?: AdminCaller;
  }
}

/** @throws RuntimeError permission-denied unless the caller is the operator. */
export function requireOperator(caller: AdminCaller): void {
  if (caller.kind !== "operator")
    throw permissionDenied("only the runtime's admin key can do this");
}

/** @throws RuntimeError permission-denied unless the caller may administer `projectId`. */
export function requireProject(caller: AdminCaller, projectId: string): void {
  if (caller.kind === "operator" || caller.projectId === projectId) return;
  throw permissionDenied(`this service key belongs to another project, not '${projectId}'`);
}
