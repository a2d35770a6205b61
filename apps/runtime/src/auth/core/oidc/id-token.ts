import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { normalizeEmail } from "../email.js";
import { AuthError, isAuthError } from "../errors.js";
import type { OidcMetadata } from "./discovery.js";
import { GOOGLE_ISSUER } from "./provider-config.js";

/** Who an ID token says signed in, once verified. */
export interface VerifiedIdentity {
  /** The provider's stable id of the user (`sub`). */
  subject: string;
  /** Normalised; null when absent or not a valid address. */
  email: string | null;
  /** True only when the provider said `email_verified: true` for that email. */
  emailVerified: boolean;
}

/** What {@link verifyIdToken} checks a token against. */
export interface VerifyIdTokenInput {
  idToken: string;
  metadata: OidcMetadata;
  keys: JWTVerifyGetKey;
  /** The audience: the project's client id at the provider. */
  clientId: string;
  /** When given (redirect sign-in), the token's `nonce` must equal it. */
  nonce?: string;
  now: Date;
  /** Tolerance on `exp`, `iat` and `nbf`. */
  clockSkewSeconds: number;
}

/**
 * Asymmetric algorithms only: never `none`, never HS* (whose key would be the client secret,
 * which the app may know too).
 */
const ID_TOKEN_ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
];
const MAX_ID_TOKEN_LENGTH = 16 * 1024;

/**
 * Verifies a provider's ID token (OpenID Connect Core §3.1.3.7): signature with the provider's
 * JWKS, `iss`, `aud` (and `azp` when there are several audiences), `exp`, `iat`, and `nonce`
 * when the sign-in set one.
 *
 * @throws AuthError `invalid-idp-token` saying which check failed (none of these is secret),
 *   `provider-unavailable` when the provider's keys cannot be fetched.
 */
export async function verifyIdToken(input: VerifyIdTokenInput): Promise<VerifiedIdentity> {
  const { idToken, metadata, clientId } = input;
  if (typeof idToken !== "string" || idToken.length > MAX_ID_TOKEN_LENGTH) {
    throw invalid("is not a JWT");
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, input.keys, {
      algorithms: ID_TOKEN_ALGORITHMS,
      issuer: issuersOf(metadata.issuer),
      audience: clientId,
      currentDate: input.now,
      clockTolerance: input.clockSkewSeconds,
      requiredClaims: ["sub", "iat", "exp"],
    }));
  } catch (e) {
    if (isAuthError(e)) throw e;
    throw invalid(reasonOf(e, metadata.issuer), e);
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (audiences.length > 1 && payload.azp !== clientId) {
    throw invalid("has several audiences and its azp is not this provider's client id");
  }
  if (input.nonce !== undefined && payload.nonce !== input.nonce) {
    throw invalid("does not carry the nonce of this sign-in");
  }
  const subject = payload.sub;
  if (typeof subject !== "string" || subject === "" || subject.length > 255) {
    throw invalid("has no usable sub");
  }
  const email = emailOf(payload.email);
  const verified = payload.email_verified === true || payload.email_verified === "true";
  return { subject, email, emailVerified: email !== null && verified };
}

/** Google's ID tokens may name their issuer without the scheme, as Google documents. */
function issuersOf(issuer: string): string | string[] {
  return issuer === GOOGLE_ISSUER ? [GOOGLE_ISSUER, "accounts.google.com"] : issuer;
}

function emailOf(value: unknown): string | null {
  try {
    return normalizeEmail(value);
  } catch {
    // An address we would refuse at sign-up is no address: the user gets an account without one.
    return null;
  }
}

function reasonOf(e: unknown, issuer: string): string {
  const error = e as { code?: unknown; claim?: unknown };
  switch (error.code) {
    case "ERR_JWT_EXPIRED":
      return "has expired";
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      if (error.claim === "aud") return "was issued for another client (aud)";
      if (error.claim === "iss") return `was not issued by ${issuer}`;
      if (error.claim === "nbf" || error.claim === "iat") return "is not valid yet";
      return `lacks or has a bad '${String(error.claim)}' claim`;
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return "uses a signing algorithm that is not allowed";
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
    case "ERR_JWKS_NO_MATCHING_KEY":
    case "ERR_JWKS_MULTIPLE_MATCHING_KEYS":
      return "is not signed by the provider's keys";
    default:
      return "is not a well-formed JWT";
  }
}

function invalid(reason: string, cause?: unknown): AuthError {
  return new AuthError(
    "invalid-idp-token",
    `the ID token ${reason}`,
    cause === undefined ? {} : { cause },
  );
}
