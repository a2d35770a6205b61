import type { ErrorCode } from "../../errors/runtime-error.js";

/**
 * The stable codes of {@link AuthError}. There is deliberately no `email-already-in-use`: sign-up
 * answers the same whether or not the address has an account (see README.md, "Sign-up").
 */
export type AuthErrorCode =
  | "invalid-credentials"
  | "weak-password"
  | "invalid-email"
  | "user-disabled"
  | "too-many-attempts"
  | "invalid-token"
  | "token-expired"
  | "wrong-project"
  | "invalid-refresh-token"
  | "refresh-token-reused"
  | "invalid-action-token"
  | "invalid-claims"
  | "invalid-provider-config"
  | "provider-not-enabled"
  | "provider-unavailable"
  | "invalid-redirect-uri"
  | "invalid-oidc-state"
  | "invalid-exchange-code"
  | "invalid-idp-token"
  | "idp-refused"
  | "identity-already-linked"
  | "provider-already-linked"
  | "account-exists-unverified"
  | "wrong-user"
  | "requires-recent-login"
  | "operation-not-allowed";

/**
 * How the HTTP layer answers each auth code: the one place auth errors meet the runtime's
 * Firestore-like codes. `user-disabled` is `permission-denied` because the caller proved who they
 * are and is still refused; every token problem is `unauthenticated` so clients re-authenticate.
 */
export const AUTH_ERROR_RUNTIME_CODES: Readonly<Record<AuthErrorCode, ErrorCode>> = Object.freeze({
  "invalid-credentials": "unauthenticated",
  "weak-password": "invalid-argument",
  "invalid-email": "invalid-argument",
  "user-disabled": "permission-denied",
  "too-many-attempts": "resource-exhausted",
  "invalid-token": "unauthenticated",
  "token-expired": "unauthenticated",
  "wrong-project": "unauthenticated",
  "invalid-refresh-token": "unauthenticated",
  "refresh-token-reused": "unauthenticated",
  "invalid-action-token": "invalid-argument",
  "invalid-claims": "invalid-argument",
  "invalid-provider-config": "invalid-argument",
  "provider-not-enabled": "failed-precondition",
  "provider-unavailable": "unavailable",
  "invalid-redirect-uri": "invalid-argument",
  "invalid-oidc-state": "invalid-argument",
  "invalid-exchange-code": "invalid-argument",
  "invalid-idp-token": "unauthenticated",
  "idp-refused": "unauthenticated",
  "identity-already-linked": "already-exists",
  "provider-already-linked": "already-exists",
  "account-exists-unverified": "failed-precondition",
  "wrong-user": "permission-denied",
  "requires-recent-login": "failed-precondition",
  "operation-not-allowed": "failed-precondition",
});

/**
 * The default message of each code. Codes whose message could tell an attacker something (which
 * of email or password was wrong, whether a refresh token ever existed) only ever use this one.
 */
const DEFAULT_MESSAGES: Readonly<Record<AuthErrorCode, string>> = {
  "invalid-credentials": "the email or password is incorrect",
  "weak-password": "the password does not meet the password policy",
  "invalid-email": "the email address is not valid",
  "user-disabled": "this account has been disabled",
  "too-many-attempts": "too many attempts; try again later",
  "invalid-token": "the access token is not valid",
  "token-expired": "the access token has expired",
  "wrong-project": "the access token was issued for another project",
  "invalid-refresh-token": "the refresh token is not valid",
  "refresh-token-reused": "the refresh token was already used; the session has been revoked",
  "invalid-action-token": "the link is invalid, expired or already used",
  "invalid-claims": "the custom claims are not valid",
  "invalid-provider-config": "the provider configuration is not valid",
  "provider-not-enabled": "this sign-in provider is not enabled for the project",
  "provider-unavailable": "the sign-in provider could not be reached",
  "invalid-redirect-uri": "the redirect URL is not on the provider's allow-list",
  "invalid-oidc-state": "the sign-in attempt is invalid, expired or already used",
  "invalid-exchange-code": "the sign-in code is invalid, expired or already used",
  "invalid-idp-token": "the identity provider's ID token is not valid",
  "idp-refused": "the identity provider refused the sign-in",
  "identity-already-linked": "this identity is already linked to another account",
  "provider-already-linked": "this account already has an identity of this provider",
  "account-exists-unverified":
    "an account with this email exists but its email is not verified; sign in to it and link",
  "wrong-user": "this operation belongs to another user",
  "requires-recent-login": "sign in again to do this: the sign-in is too old",
  "operation-not-allowed": "this operation is not allowed for this account",
};

/** Optional extras an {@link AuthError} carries. */
export interface AuthErrorOptions {
  /** For `too-many-attempts`: how long until a retry can succeed. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * The one error the auth core throws for anything a client did. Anything else escaping the core
 * is a server fault. Check with {@link isAuthError}, which works across bundles.
 */
export class AuthError extends Error {
  override readonly name = "AuthError";
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly code: AuthErrorCode,
    message: string = DEFAULT_MESSAGES[code],
    options: AuthErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfterMs = options.retryAfterMs;
  }

  /** The runtime error code the HTTP layer answers with. */
  get runtimeCode(): ErrorCode {
    return AUTH_ERROR_RUNTIME_CODES[this.code];
  }
}

/** True for an {@link AuthError}, by name rather than `instanceof`, so it works across bundles. */
export function isAuthError(e: unknown): e is AuthError {
  if (!(e instanceof Error) || e.name !== "AuthError") return false;
  const code: unknown = (e as { code?: unknown }).code;
  return typeof code === "string" && Object.hasOwn(AUTH_ERROR_RUNTIME_CODES, code);
}
