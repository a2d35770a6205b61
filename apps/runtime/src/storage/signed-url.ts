import { createHmac, timingSafeEqual } from "node:crypto";

/** The methods a signed URL can be made for. */
export const SIGNED_METHODS = ["GET", "PUT", "DELETE"] as const;
export type SignedMethod = (typeof SIGNED_METHODS)[number];

/** The longest a signed URL may live, as Cloud Storage's V4 signatures. */
export const MAX_SIGNED_URL_SECONDS = 7 * 24 * 3600;

export const EXPIRES_PARAM = "X-Winky-Expires";
export const SIGNATURE_PARAM = "X-Winky-Signature";

export interface SignedScope {
  method: SignedMethod;
  projectId: string;
  name: string;
  /** Unix seconds after which the URL is refused. */
  expires: number;
  keyId: string;
}

/**
 * HMAC-SHA256 (hex) over the method, project, object name, expiry and key id, one per line.
 * Names never hold control characters, so the lines cannot be shifted into one another.
 */
export function signScope(secret: Buffer, scope: SignedScope): string {
  const text = [
    "WINKY-STORAGE-V1",
    scope.method,
    scope.projectId,
    scope.name,
    String(scope.expires),
    scope.keyId,
  ].join("\n");
  return createHmac("sha256", secret).update(text, "utf8").digest("hex");
}

/** True when `signature` is the one {@link signScope} makes; compares in constant time. */
export function signatureMatches(secret: Buffer, scope: SignedScope, signature: string): boolean {
  const expected = Buffer.from(signScope(secret, scope), "hex");
  const given = /^[0-9a-f]{64}$/.test(signature) ? Buffer.from(signature, "hex") : null;
  return given !== null && timingSafeEqual(expected, given);
}
