import { AuthError } from "./errors.js";

/** A JSON value, as custom claims hold. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Custom claims an admin sets on a user; they appear at the top level of access tokens. */
export type CustomClaims = { [claim: string]: JsonValue };

/**
 * Claim names custom claims may not use: the registered JWT claims, the OIDC ones Firebase also
 * reserves, and every claim the runtime itself puts in an access token. Rejecting them (instead
 * of silently letting the runtime's value win) tells the admin at once.
 */
export const RESERVED_CLAIMS: ReadonlySet<string> = new Set([
  "iss",
  "sub",
  "aud",
  "exp",
  "iat",
  "nbf",
  "jti",
  "auth_time",
  "acr",
  "amr",
  "at_hash",
  "azp",
  "c_hash",
  "cnf",
  "nonce",
  "firebase",
  "user_id",
  "email",
  "email_verified",
  "provider_id",
]);

/** Firebase's limit on the serialised custom claims, in bytes of UTF-8 JSON. */
export const MAX_CUSTOM_CLAIMS_BYTES = 1000;

/**
 * Checks custom claims before they are stored (the admin API) and again before they are signed:
 * a plain JSON object, no reserved names, at most 1000 bytes as JSON.
 *
 * @throws AuthError `invalid-claims` naming the offending claim or the size.
 */
export function validateCustomClaims(claims: unknown): CustomClaims {
  if (!isPlainObject(claims)) throw invalidClaims("custom claims must be a JSON object");
  const reserved = Object.keys(claims).filter((name) => RESERVED_CLAIMS.has(name));
  if (reserved.length > 0) {
    const names = reserved.map((n) => `'${n}'`).join(", ");
    throw invalidClaims(`custom claims may not use the reserved claim name(s) ${names}`);
  }
  // Size first: it bounds the nesting depth the recursive check below can meet.
  let json: string;
  try {
    json = JSON.stringify(claims);
  } catch {
    throw invalidClaims("custom claims must be serialisable as JSON");
  }
  const bytes = Buffer.byteLength(json, "utf8");
  if (bytes > MAX_CUSTOM_CLAIMS_BYTES) {
    throw invalidClaims(
      `custom claims must be at most ${MAX_CUSTOM_CLAIMS_BYTES} bytes as JSON, got ${bytes}`,
    );
  }
  // JSON.stringify silently drops undefined and functions and turns NaN into null; refuse them.
  for (const [name, value] of Object.entries(claims)) assertJson(value, name);
  return claims as CustomClaims;
}

function assertJson(value: unknown, path: string): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw invalidClaims(`custom claim '${path}' is not a finite number`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertJson(item, `${path}[${i}]`));
    return;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) assertJson(item, `${path}.${key}`);
    return;
  }
  throw invalidClaims(`custom claim '${path}' is not a JSON value`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function invalidClaims(message: string): AuthError {
  return new AuthError("invalid-claims", message);
}
