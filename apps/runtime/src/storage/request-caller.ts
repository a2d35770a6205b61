import type { FastifyRequest } from "fastify";
import type { AuthCore } from "../auth/core/index.js";
import type { Caller } from "../documents/document-service.js";
import { resolveCaller } from "../documents/api/caller.js";
import { permissionDenied } from "../errors/runtime-error.js";
import type { ProjectStore } from "../projects/project-store.js";
import {
  EXPIRES_PARAM,
  SIGNATURE_PARAM,
  signatureMatches,
  type SignedMethod,
} from "./signed-url.js";
import type { StorageService } from "./storage-service.js";
import type { StorageSigningKeys } from "./signing-keys.js";

export interface StorageRouteDeps {
  service: StorageService;
  signingKeys: StorageSigningKeys;
  projects: ProjectStore;
  auth: AuthCore;
  adminKey: string;
}

/** Signed URLs act for whoever signed them: no rules, no trace. */
const SIGNED: Caller = { auth: null, bypassRules: true, explain: false };

/**
 * Who makes a storage request: a signed URL's bearer (when the query carries a signature, which
 * must then match this method, project and object exactly and be unexpired), else whoever the
 * `Authorization` header names (`resolveCaller`). Checks the project exists either way.
 *
 * @throws RuntimeError permission-denied for an expired or non-matching signed URL,
 *   unauthenticated for bad credentials, not-found for an unknown project.
 */
export async function storageCaller(
  request: FastifyRequest,
  projectId: string,
  target: { name: string; method: SignedMethod | "POST" | "PATCH" },
  deps: StorageRouteDeps,
): Promise<Caller> {
  await deps.projects.get(projectId);
  const query = request.query as Record<string, unknown>;
  const signature = query[SIGNATURE_PARAM];
  if (signature === undefined) return resolveCaller(request, projectId, deps);
  const expires = query[EXPIRES_PARAM];
  if (typeof signature !== "string" || typeof expires !== "string" || !/^\d{1,12}$/.test(expires)) {
    throw invalidSignedUrl();
  }
  if (Number(expires) * 1000 <= deps.service.limits.now()) {
    throw permissionDenied("the signed URL has expired", { reason: "signed-url-expired" });
  }
  const key = await deps.signingKeys.find(projectId);
  const method = target.method;
  if (
    !key ||
    (method !== "GET" && method !== "PUT" && method !== "DELETE") ||
    !signatureMatches(
      key.secret,
      { method, projectId, name: target.name, expires: Number(expires), keyId: key.keyId },
      signature,
    )
  ) {
    throw invalidSignedUrl();
  }
  return SIGNED;
}

function invalidSignedUrl() {
  // One answer for every mismatch (object, method, expiry, signature, rotated key), so a URL
  // cannot be probed field by field.
  return permissionDenied(
    "the signed URL is not valid for this request: it was made for another object or method, " +
      "altered, or its project's signing key was rotated",
    { reason: "signed-url-invalid" },
  );
}
