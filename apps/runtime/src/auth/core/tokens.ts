import { SignJWT, decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import type { JWTPayload } from "jose";
import { validateCustomClaims, type CustomClaims } from "./custom-claims.js";
import { AuthError } from "./errors.js";
import { epochSeconds, systemClock, type Clock } from "./primitives.js";
import { SIGNING_ALG, type SigningKeys } from "./signing-keys.js";

/** The user an access token is issued for. */
export interface AccessTokenUser {
  uid: string;
  email?: string | null;
  emailVerified: boolean;
  /** `password`, `google.com`, `anonymous`, … as Firebase names providers. */
  signInProvider: string;
  /** An anonymous user's token always says `sign_in_provider: "anonymous"`. */
  anonymous: boolean;
  customClaims?: CustomClaims;
  /** Provider → ids, as in Firebase's `firebase.identities`; derived from the email if absent. */
  identities?: Record<string, string[]>;
}

/** What {@link AccessTokens.issueAccessToken} needs. */
export interface IssueAccessTokenInput {
  projectId: string;
  user: AccessTokenUser;
  /** When the user signed in (kept across refreshes); defaults to now. */
  authTime?: Date;
}

/** An issued access token and when it expires. */
export interface IssuedAccessToken {
  token: string;
  expiresAt: Date;
  /** Seconds until expiry, as sign-in responses report it. */
  expiresIn: number;
}

/** The claims of a verified access token, shaped like a Firebase ID token's. */
export interface AccessTokenClaims extends JWTPayload {
  iss: string;
  aud: string;
  sub: string;
  iat: number;
  exp: number;
  auth_time: number;
  user_id: string;
  email?: string;
  email_verified?: boolean;
  provider_id?: "anonymous";
  firebase: { sign_in_provider: string; identities: Record<string, string[]> };
}

/** Options of {@link AccessTokens}. TTL and clock skew come from the {@link SigningKeys}. */
export interface AccessTokensOptions {
  keys: SigningKeys;
  clock?: Clock;
  /** The `iss` of a project's tokens; default {@link defaultIssuer}. */
  issuer?: (projectId: string) => string;
}

/** The default issuer: `winky:<projectId>`, until the runtime knows its public URL. */
export function defaultIssuer(projectId: string): string {
  return `winky:${projectId}`;
}

// Far above any real token (1000 bytes of claims plus the fixed ones); bounds the work on junk.
const MAX_TOKEN_LENGTH = 8192;
/** Verified tokens remembered per process: a client sends the same token many times. */
const VERIFIED_CACHE_SIZE = 10_000;

/** Issues and verifies short-lived access JWTs (ES256, `kid` header) per project. */
export class AccessTokens {
  private readonly keys: SigningKeys;
  private readonly clock: Clock;
  private readonly issuer: (projectId: string) => string;
  /**
   * Claims of tokens already verified, by project and token: checking an ES256 signature and
   * reading the project's keys costs more than the rest of a document read. An entry is used
   * only while its token has not expired (by this clock), so the outcome is the same as
   * verifying again: access tokens are stateless, nothing else could have changed.
   */
  private readonly verified = new Map<string, AccessTokenClaims>();

  constructor(options: AccessTokensOptions) {
    this.keys = options.keys;
    this.clock = options.clock ?? systemClock;
    this.issuer = options.issuer ?? defaultIssuer;
  }

  /**
   * Signs an access token with the project's active key. Custom claims sit at the top level.
   *
   * @throws AuthError `invalid-claims` when the custom claims are invalid (reserved, too big).
   */
  async issueAccessToken(input: IssueAccessTokenInput): Promise<IssuedAccessToken> {
    const { projectId, user } = input;
    if (user.uid === "" || user.uid.length > 128) throw new Error("uid must be 1–128 characters");
    const custom = validateCustomClaims(user.customClaims ?? {});
    const now = this.clock.now();
    const iat = epochSeconds(now);
    const exp = iat + this.keys.accessTokenTtlSeconds;
    const provider = user.anonymous ? "anonymous" : user.signInProvider;
    const claims = {
      ...custom,
      ...(user.anonymous ? { provider_id: "anonymous" } : {}),
      auth_time: epochSeconds(input.authTime ?? now),
      user_id: user.uid,
      ...(user.email ? { email: user.email, email_verified: user.emailVerified } : {}),
      firebase: { sign_in_provider: provider, identities: identitiesOf(user) },
    };
    const { kid, key } = await this.keys.signingKey(projectId);
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: SIGNING_ALG, kid, typ: "JWT" })
      .setIssuer(this.issuer(projectId))
      .setAudience(projectId)
      .setSubject(user.uid)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(key);
    return { token, expiresAt: new Date(exp * 1000), expiresIn: exp - iat };
  }

  /**
   * Verifies a token for `projectId` against the project's active and retiring keys, allowing
   * the configured clock skew (≤ 5 s by default) on `exp`, `iat` and `auth_time`.
   *
   * @throws AuthError `wrong-project` when the token names another project as audience,
   *   `token-expired` when its signature is good but it has expired, `invalid-token` otherwise
   *   (malformed, `alg` other than ES256 — so `none` and HS* forgeries —, unknown `kid`, bad
   *   signature, wrong issuer).
   */
  async verifyAccessToken(projectId: string, token: string): Promise<AccessTokenClaims> {
    if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) throw invalid();
    const cacheKey = `${projectId}\u0000${token}`;
    const known = this.verified.get(cacheKey);
    if (known) {
      this.verified.delete(cacheKey);
      if (known.exp + this.keys.clockSkewSeconds > epochSeconds(this.clock.now())) {
        this.verified.set(cacheKey, known);
        return known;
      }
    }
    const claims = await this.verifyUncached(projectId, token);
    this.verified.set(cacheKey, claims);
    if (this.verified.size > VERIFIED_CACHE_SIZE)
      this.verified.delete(this.verified.keys().next().value!);
    return claims;
  }

  private async verifyUncached(projectId: string, token: string): Promise<AccessTokenClaims> {
    let kid: unknown;
    let aud: unknown;
    try {
      const header = decodeProtectedHeader(token);
      if (header.alg !== SIGNING_ALG) throw invalid();
      kid = header.kid;
      aud = decodeJwt(token).aud;
    } catch {
      throw invalid();
    }
    // Only a statement about what the token claims; its signature is checked next either way.
    if (aud !== projectId) throw new AuthError("wrong-project");
    const key = typeof kid === "string" ? await this.keys.verificationKey(projectId, kid) : null;
    if (!key) throw invalid();
    const now = this.clock.now();
    const skew = this.keys.clockSkewSeconds;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key.key, {
        algorithms: [SIGNING_ALG],
        issuer: this.issuer(projectId),
        audience: projectId,
        currentDate: now,
        clockTolerance: skew,
        requiredClaims: ["sub", "iat", "exp", "auth_time"],
      }));
    } catch (e) {
      if ((e as { code?: unknown }).code === "ERR_JWT_EXPIRED") {
        throw new AuthError("token-expired", undefined, { cause: e });
      }
      throw invalid(e);
    }
    return checkShape(payload, epochSeconds(now) + skew);
  }
}

function identitiesOf(user: AccessTokenUser): Record<string, string[]> {
  if (user.identities) return user.identities;
  return user.email && !user.anonymous ? { email: [user.email] } : {};
}

// jose checked signature, alg, iss, aud and exp; these are the claims only we define.
function checkShape(payload: JWTPayload, latest: number): AccessTokenClaims {
  const p = payload as Partial<AccessTokenClaims>;
  const ok =
    typeof p.sub === "string" &&
    p.sub !== "" &&
    p.user_id === p.sub &&
    typeof p.iat === "number" &&
    p.iat <= latest &&
    typeof p.auth_time === "number" &&
    p.auth_time <= latest &&
    typeof p.firebase === "object" &&
    p.firebase !== null;
  if (!ok) throw invalid();
  return payload as AccessTokenClaims;
}

function invalid(cause?: unknown): AuthError {
  return new AuthError("invalid-token", undefined, cause === undefined ? {} : { cause });
}
