// The auth core: email/password, OpenID Connect, sessions, tokens and keys as a library over
// store interfaces.
// Storage (Postgres) and HTTP routes are wired elsewhere; memory stores and conformance suites
// for tests are in ./testing/index.ts.
export { AccountLinking, type AccountLinkingDeps, type SignedInCaller } from "./account-linking.js";
export { AccountRecovery, type AccountRecoveryDeps } from "./account-recovery.js";
export {
  ActionTokens,
  DEFAULT_ACTION_TOKEN_TTL_MS,
  type ActionPurpose,
  type ActionTokenRecord,
  type ActionTokenStore,
  type ActionTokensOptions,
  type CreateActionTokenInput,
} from "./action-tokens.js";
export {
  createAuthCore,
  type AuthCore,
  type AuthCoreOptions,
  type AuthStores,
  type OidcOptions,
} from "./auth-core.js";
export {
  MAX_CUSTOM_CLAIMS_BYTES,
  RESERVED_CLAIMS,
  validateCustomClaims,
  type CustomClaims,
  type JsonValue,
} from "./custom-claims.js";
export {
  EmailPasswordAuth,
  type EmailPasswordDeps,
  type EmailPasswordRequest,
  type SignUpAccepted,
} from "./email-password.js";
export { emailKey, isValidEmail, normalizeEmail } from "./email.js";
export {
  IdentityAccounts,
  identitiesClaim,
  type IdentityAccountsDeps,
  type IdentityStore,
  type UserIdentity,
} from "./identities.js";
export {
  ISSUER_MISMATCH,
  OidcDiscovery,
  type FetchLike,
  type OidcDiscoveryOptions,
  type OidcMetadata,
} from "./oidc/discovery.js";
export type { OidcFlowRecord, OidcFlowStore } from "./oidc/flows.js";
export { verifyIdToken, type VerifiedIdentity, type VerifyIdTokenInput } from "./oidc/id-token.js";
export {
  OidcSignIn,
  s256,
  type CallbackInput,
  type ExchangeInput,
  type OidcSignInDeps,
  type StartRedirectInput,
} from "./oidc/oidc-sign-in.js";
export {
  DEFAULT_OIDC_SCOPES,
  GOOGLE_ISSUER,
  checkProviderId,
  isLoopbackHost,
  parseProviderSettings,
  signInProviderOf,
  toProviderView,
  type AuthProviderStore,
  type OidcProviderRecord,
  type OidcProviderSettings,
  type OidcProviderView,
  type ProviderSettingsOptions,
} from "./oidc/provider-config.js";
export { OidcProviders, type OidcProvidersDeps } from "./oidc/providers.js";
export { redeemAuthorizationCode, type RedeemCodeInput } from "./oidc/token-endpoint.js";
export {
  AUTH_ERROR_RUNTIME_CODES,
  AuthError,
  isAuthError,
  type AuthErrorCode,
  type AuthErrorOptions,
} from "./errors.js";
export {
  actionLink,
  NOTICE_MAIL_KINDS,
  buildEmailChangedMail,
  buildEmailInUseMail,
  buildLinkMail,
  buildSignUpAttemptMail,
  describeMail,
  type LinkPurpose,
  type MailKind,
  type MailMessage,
  type MailSettings,
  type Outbox,
} from "./mail.js";
export { resolveMailSettings, type ProjectMailLookup } from "./project-mail.js";
export {
  DEFAULT_PASSWORD_POLICY,
  DEFAULT_SCRYPT_PARAMS,
  checkPasswordPolicy,
  createPasswordHasher,
  type PasswordHasher,
  type PasswordHasherOptions,
  type PasswordPolicy,
  type ScryptParams,
} from "./passwords.js";
export { systemClock, type Clock } from "./primitives.js";
export { MemoryRateLimiter } from "./rate-limit.memory.js";
export {
  DEFAULT_AUTH_LIMITS,
  SignInGuard,
  type AuthLimits,
  type RateDecision,
  type RateLimiter,
  type RateRule,
} from "./rate-limit.js";
export {
  RefreshTokens,
  type IssueRefreshTokenInput,
  type IssuedRefreshToken,
  type RefreshSession,
  type RefreshTokenRecord,
  type RefreshTokenStore,
  type RefreshTokensOptions,
} from "./refresh-tokens.js";
export { Sessions, type Session, type SessionsDeps } from "./sessions.js";
export {
  SIGNING_ALG,
  SigningKeys,
  type PrivateSigningJwk,
  type PublicSigningJwk,
  type SigningKeyRecord,
  type SigningKeyStatus,
  type SigningKeyStore,
  type SigningKeysOptions,
  type UsableSigningKey,
} from "./signing-keys.js";
export {
  AccessTokens,
  defaultIssuer,
  type AccessTokenClaims,
  type AccessTokenUser,
  type AccessTokensOptions,
  type IssueAccessTokenInput,
  type IssuedAccessToken,
} from "./tokens.js";
export { MAX_USER_PAGE, UserAdmin, type UserAdminDeps, type UserPage } from "./user-admin.js";
export {
  toAccessTokenUser,
  toUserRecord,
  type AuthUser,
  type UserPatch,
  type UserRecord,
  type UserStore,
} from "./users.js";
