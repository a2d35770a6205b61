import { createHash } from "node:crypto";
import { AuthError, isAuthError } from "../errors.js";
import type { IdentityAccounts } from "../identities.js";
import {
  MINUTE,
  addMs,
  hashOpaqueToken,
  isWellFormedOpaqueToken,
  newOpaqueToken,
  systemClock,
  type Clock,
} from "../primitives.js";
import type { SignInGuard } from "../rate-limit.js";
import type { Session, Sessions } from "../sessions.js";
import type { OidcDiscovery } from "./discovery.js";
import type { OidcFlowStore } from "./flows.js";
import { verifyIdToken } from "./id-token.js";
import { signInProviderOf } from "./provider-config.js";
import type { OidcProviders } from "./providers.js";
import { redeemAuthorizationCode } from "./token-endpoint.js";

/** What {@link OidcSignIn} needs. */
export interface OidcSignInDeps {
  providers: OidcProviders;
  flows: OidcFlowStore;
  discovery: OidcDiscovery;
  accounts: IdentityAccounts;
  sessions: Sessions;
  guard: SignInGuard;
  /** Our records' time: flow and code expiry. */
  clock?: Clock;
  /**
   * The time providers' ID tokens are checked against. Their `iat` and `exp` are the real time,
   * so this stays the wall clock even when a test drives `clock` by hand.
   */
  idpClock?: Clock;
  /** How long a started sign-in may take. Default 10 minutes. */
  flowTtlMs?: number;
  /** How long the app has to exchange its one-time code. Default 2 minutes. */
  codeTtlMs?: number;
  /** Tolerance on providers' `exp`, `iat`, `nbf`. Default 30 s. */
  idpClockSkewSeconds?: number;
}

/** What {@link OidcSignIn.startRedirect} needs. */
export interface StartRedirectInput {
  projectId: string;
  providerId: string;
  /** The app's URL to come back to: must be on the provider's allow-list, exactly. */
  redirectUri: string;
  /** The runtime's callback URL derived from the request; the provider's `callbackUrl` wins. */
  callbackUrl: string;
  /** The S256 challenge of a verifier the app keeps for the exchange (43 base64url chars). */
  appChallenge?: string | null;
  /** For linking: the signed-in user the identity is to be linked to. */
  linkUid?: string | null;
  ip: string;
}

/** The provider's answer as it reaches the callback (the query string). */
export interface CallbackInput {
  projectId: string;
  providerId: string;
  state?: string;
  code?: string;
  error?: string;
  errorDescription?: string;
  /** RFC 9207's `iss`, when the provider sends it: it must be the provider's issuer. */
  iss?: string;
}

/** What {@link OidcSignIn.exchange} needs. */
export interface ExchangeInput {
  projectId: string;
  code: string;
  /** The verifier of the `appChallenge` given at start, if one was. */
  codeVerifier?: string;
  /** The uid of the caller's access token, if any: a linking flow requires its user. */
  callerUid?: string | null;
}

/** The S256 PKCE transform: base64url(SHA-256(verifier)). */
export function s256(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/**
 * OpenID Connect sign-in: the redirect flow (authorization code with PKCE, state and nonce; see
 * docs/adr/0005-oidc-sign-in.md) and sign-in with an ID token the app already holds.
 *
 * Redirect: {@link OidcSignIn.startRedirect} keeps the flow server-side under the hash of its
 * state and answers the provider's authorization URL; {@link OidcSignIn.callback} spends the
 * state, redeems the code, verifies the ID token and answers where to send the browser (the
 * app's URL with `#code=…` or `#error=…`); {@link OidcSignIn.exchange} trades that one-time code
 * for a session, signing in (or linking) only then.
 */
export class OidcSignIn {
  private readonly deps: OidcSignInDeps;
  private readonly clock: Clock;
  private readonly idpClock: Clock;
  private readonly flowTtlMs: number;
  private readonly codeTtlMs: number;
  private readonly skew: number;

  constructor(deps: OidcSignInDeps) {
    this.deps = deps;
    this.clock = deps.clock ?? systemClock;
    this.idpClock = deps.idpClock ?? systemClock;
    this.flowTtlMs = deps.flowTtlMs ?? 10 * MINUTE;
    this.codeTtlMs = deps.codeTtlMs ?? 2 * MINUTE;
    this.skew = deps.idpClockSkewSeconds ?? 30;
  }

  /**
   * Starts a redirect sign-in (or, with `linkUid`, a linking): stores the flow and answers the
   * provider's authorization URL. Nothing is stored when a check fails.
   *
   * @throws AuthError `too-many-attempts` (per IP, with password sign-ins), `provider-not-enabled`,
   *   `invalid-redirect-uri`, `provider-unavailable`.
   */
  async startRedirect(
    input: StartRedirectInput,
  ): Promise<{ authorizationUrl: string; expiresAt: Date }> {
    const { projectId, providerId, redirectUri } = input;
    await this.deps.guard.beforeIdpSignIn(projectId, input.ip);
    const { provider, metadata } = await this.deps.providers.enabled(projectId, providerId);
    if (!provider.redirectUris.includes(redirectUri)) {
      throw new AuthError(
        "invalid-redirect-uri",
        `redirect_uri '${redirectUri.slice(0, 200)}' is not on the allow-list of provider ` +
          `'${providerId}'`,
      );
    }
    const state = newOpaqueToken();
    const nonce = newOpaqueToken();
    const codeVerifier = newOpaqueToken();
    const callbackUrl = provider.callbackUrl ?? input.callbackUrl;
    const now = this.clock.now();
    const expiresAt = addMs(now, this.flowTtlMs);
    await this.deps.flows.insert({
      stateHash: hashOpaqueToken(state),
      projectId,
      providerId,
      nonce,
      codeVerifier,
      redirectUri,
      callbackUrl,
      appChallenge: input.appChallenge ?? null,
      linkUid: input.linkUid ?? null,
      createdAt: now,
      expiresAt,
      callbackAt: null,
      resultCodeHash: null,
      resultExpiresAt: null,
      identity: null,
      exchangedAt: null,
    });
    const url = new URL(metadata.authorizationEndpoint);
    url.searchParams.set("response_type", "code");
    url.searchParams.set("client_id", provider.clientId);
    url.searchParams.set("redirect_uri", callbackUrl);
    url.searchParams.set("scope", provider.scopes.join(" "));
    url.searchParams.set("state", state);
    url.searchParams.set("nonce", nonce);
    url.searchParams.set("code_challenge", s256(codeVerifier));
    url.searchParams.set("code_challenge_method", "S256");
    return { authorizationUrl: url.toString(), expiresAt };
  }

  /**
   * Handles the provider's redirect back. The state is spent first, so it works once however
   * this ends. A provider error, a refused code or a bad ID token goes back to the app as
   * `#error=<code>&error_description=…`; success as `#code=<one-time code>`.
   *
   * @throws AuthError `invalid-oidc-state` for a state that is unknown, used, expired or for
   *   another project or provider: there is then no trusted URL to send the browser to.
   */
  async callback(input: CallbackInput): Promise<{ redirectTo: string }> {
    const { projectId, providerId } = input;
    if (!isWellFormedOpaqueToken(input.state)) throw new AuthError("invalid-oidc-state");
    const now = this.clock.now();
    const flow = await this.deps.flows.claimState(hashOpaqueToken(input.state), now);
    if (
      !flow ||
      flow.projectId !== projectId ||
      flow.providerId !== providerId ||
      flow.expiresAt <= now
    ) {
      throw new AuthError("invalid-oidc-state");
    }
    const back = (params: Record<string, string>) => ({
      redirectTo: `${flow.redirectUri}#${new URLSearchParams(params).toString()}`,
    });
    if (input.error !== undefined) {
      const code = /^[a-z][a-z0-9_.-]{0,63}$/.test(input.error) ? input.error : "provider_error";
      const description = input.errorDescription?.slice(0, 300);
      return back({ error: code, ...(description ? { error_description: description } : {}) });
    }
    try {
      const { provider, metadata } = await this.deps.providers.enabled(projectId, providerId);
      if (input.iss !== undefined && input.iss !== metadata.issuer) {
        throw new AuthError(
          "idp-refused",
          `the answer came from another issuer than ${metadata.issuer}`,
        );
      }
      if (!input.code)
        throw new AuthError("idp-refused", "the provider sent neither code nor error");
      const idToken = await redeemAuthorizationCode(this.deps.discovery, metadata, {
        code: input.code,
        codeVerifier: flow.codeVerifier,
        redirectUri: flow.callbackUrl,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
      });
      const identity = await verifyIdToken({
        idToken,
        metadata,
        keys: this.deps.discovery.keys(metadata),
        clientId: provider.clientId,
        nonce: flow.nonce,
        now: this.idpClock.now(),
        clockSkewSeconds: this.skew,
      });
      const code = newOpaqueToken();
      await this.deps.flows.saveResult(flow.stateHash, {
        resultCodeHash: hashOpaqueToken(code),
        resultExpiresAt: addMs(this.clock.now(), this.codeTtlMs),
        identity,
      });
      return back({ code });
    } catch (e) {
      if (isAuthError(e)) return back({ error: e.code, error_description: e.message });
      throw e;
    }
  }

  /**
   * Trades the one-time code from the callback for a session: signs in the identity's account
   * (found, linked by email or created: see `IdentityAccounts`), or for a linking flow links the
   * identity to the caller, who must be the user the flow was started for.
   *
   * @throws AuthError `invalid-exchange-code` (unknown, used, expired; or a missing or wrong
   *   `codeVerifier` when the flow has an app challenge: the code is spent either way),
   *   `wrong-user`, `identity-already-linked`, `provider-already-linked`,
   *   `account-exists-unverified`, `user-disabled`.
   */
  async exchange(input: ExchangeInput): Promise<Session> {
    const { projectId } = input;
    if (!isWellFormedOpaqueToken(input.code)) throw new AuthError("invalid-exchange-code");
    const now = this.clock.now();
    const flow = await this.deps.flows.claimResult(hashOpaqueToken(input.code), now);
    if (
      !flow?.identity ||
      flow.projectId !== projectId ||
      !flow.resultExpiresAt ||
      flow.resultExpiresAt <= now
    ) {
      throw new AuthError("invalid-exchange-code");
    }
    if (flow.appChallenge !== null) {
      if (input.codeVerifier === undefined) {
        throw new AuthError(
          "invalid-exchange-code",
          "codeVerifier is required: the sign-in was started with a code_challenge",
        );
      }
      if (s256(input.codeVerifier) !== flow.appChallenge) {
        throw new AuthError(
          "invalid-exchange-code",
          "codeVerifier does not match the code_challenge the sign-in was started with",
        );
      }
    }
    const { providerId, identity } = flow;
    let user;
    if (flow.linkUid !== null) {
      if (input.callerUid !== flow.linkUid) {
        throw new AuthError(
          "wrong-user",
          "this code links an identity to another account: send it with that account's ID token",
        );
      }
      user = await this.deps.accounts.link(projectId, flow.linkUid, providerId, identity);
    } else {
      user = await this.deps.accounts.signIn(projectId, providerId, identity);
    }
    return this.deps.sessions.start(user, signInProviderOf(providerId));
  }

  /**
   * Signs in with an ID token the app got from the provider itself (Firebase's
   * `signInWithCredential(GoogleAuthProvider.credential(idToken))`): verified against the
   * provider's keys, with the project's client id as audience. No nonce is checked.
   *
   * @throws AuthError `too-many-attempts`, `provider-not-enabled`, `provider-unavailable`,
   *   `invalid-idp-token`, `account-exists-unverified`, `provider-already-linked`,
   *   `user-disabled`.
   */
  async signInWithIdToken(input: {
    projectId: string;
    providerId: string;
    idToken: string;
    ip: string;
  }): Promise<Session> {
    const { projectId, providerId } = input;
    await this.deps.guard.beforeIdpSignIn(projectId, input.ip);
    const { provider, metadata } = await this.deps.providers.enabled(projectId, providerId);
    const identity = await verifyIdToken({
      idToken: input.idToken,
      metadata,
      keys: this.deps.discovery.keys(metadata),
      clientId: provider.clientId,
      now: this.idpClock.now(),
      clockSkewSeconds: this.skew,
    });
    const user = await this.deps.accounts.signIn(projectId, providerId, identity);
    return this.deps.sessions.start(user, signInProviderOf(providerId));
  }
}
