import type { VerifiedIdentity } from "./id-token.js";

/**
 * One redirect sign-in, from `start` to the app's exchange of its one-time code. Kept
 * server-side and found by the SHA-256 of its `state`; the state itself only travels in URLs.
 *
 * Life: inserted at start → `callbackAt` set once when the provider sends the browser back
 * (the state is then spent, whatever follows) → on success `resultCodeHash` and `identity`
 * are saved → `exchangedAt` set once when the app trades the code for a session.
 */
export interface OidcFlowRecord {
  /** SHA-256 (hex) of the `state` parameter; the primary key. */
  stateHash: string;
  projectId: string;
  providerId: string;
  /** Sent in the authorization request; the ID token must carry it back. */
  nonce: string;
  /** The PKCE verifier (RFC 7636). Secret: the Postgres store encrypts it. */
  codeVerifier: string;
  /** The app's URL the browser returns to; one of the provider's allow-listed URLs. */
  redirectUri: string;
  /** The runtime's callback URL as sent to the provider; the token request repeats it. */
  callbackUrl: string;
  /**
   * The S256 challenge of a verifier the app keeps (the SDK always sends one); when set, the
   * exchange must present the verifier, so a code that leaked or was planted is useless.
   */
  appChallenge: string | null;
  /** Set for a linking flow: the signed-in user the identity is to be linked to. */
  linkUid: string | null;
  createdAt: Date;
  /** The state is refused after this (10 minutes by default). */
  expiresAt: Date;
  callbackAt: Date | null;
  /** SHA-256 (hex) of the one-time code handed to the app. */
  resultCodeHash: string | null;
  resultExpiresAt: Date | null;
  identity: VerifiedIdentity | null;
  exchangedAt: Date | null;
}

/**
 * Where redirect sign-ins are kept between their requests. `claimState` and `claimResult` must
 * be atomic (conditional UPDATEs): they are what makes a state and a code usable once, even when
 * two requests race.
 */
export interface OidcFlowStore {
  insert(record: OidcFlowRecord): Promise<void>;
  /**
   * Sets `callbackAt` if it is null, and resolves the record as updated; null when there is no
   * such flow or its state was already used.
   */
  claimState(stateHash: string, at: Date): Promise<OidcFlowRecord | null>;
  /** Records the callback's outcome. */
  saveResult(
    stateHash: string,
    result: { resultCodeHash: string; resultExpiresAt: Date; identity: VerifiedIdentity },
  ): Promise<void>;
  /**
   * Sets `exchangedAt` on the flow with this result code if it is null, and resolves the record
   * as updated; null when there is none or it was already exchanged.
   */
  claimResult(resultCodeHash: string, at: Date): Promise<OidcFlowRecord | null>;
}
