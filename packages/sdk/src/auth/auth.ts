import { WinkyError, callApp, invalidArgument, isWinkyError } from "../errors.js";
import type { HttpClient, TokenSource } from "../http.js";
import {
  checkRedirectOptions,
  clearAnswerFromAddressBar,
  navigate,
  newVerifier,
  parsePending,
  pendingStorage,
  readAnswer,
  redirectError,
  type PendingRedirect,
  type RedirectOptions,
} from "./redirect.js";
import {
  parseStoredSession,
  toStoredSession,
  userFromIdToken,
  type AuthStorage,
  type SessionResponse,
  type StoredSession,
  type User,
} from "./session.js";

/** An ID token this close to expiry is refreshed before use, so it cannot expire in flight. */
export const REFRESH_MARGIN_MS = 60_000;

/**
 * End-user auth for one project, as `client.auth`: email/password sign-up (confirmed by a mailed
 * link), sign-in, anonymous sign-in, OpenID Connect providers such as Google (by redirect or
 * with an ID token), linking (an anonymous account keeps its uid), email change, password reset
 * and email verification. While signed in, every document request carries the user's ID token,
 * refreshed shortly before it expires.
 *
 * @example
 * ```ts
 * await auth.signUp("ada@example.com", "correct horse battery");
 * // …the user opens the mailed link; the app reads its oobCode…
 * const user = await auth.confirmSignUp(oobCode);
 * auth.onAuthStateChanged((u) => render(u ? `Hi ${u.email}` : "Signed out"));
 * ```
 */
export class Auth implements TokenSource {
  private session: StoredSession | null = null;
  private user: User | null = null;
  private readonly listeners = new Set<(user: User | null) => void>();
  private readonly tokenListeners = new Set<() => void>();
  /** The refresh in flight, shared by every caller: reusing a refresh token revokes its family. */
  private inflight: Promise<StoredSession> | null = null;
  private readonly ready: Promise<void>;

  /** @internal Made by {@link createClient}. */
  constructor(
    private readonly http: HttpClient,
    private readonly storage: AuthStorage,
    private readonly storageKey: string,
  ) {
    this.ready = this.readStorage()
      .then((s) => this.adopt(s))
      .catch(() => undefined); // a kept session we cannot read is no session
  }

  /** The signed-in user, or null (also until a kept session has been restored). */
  get currentUser(): User | null {
    return this.user;
  }

  /** Resolves once a kept session has been restored from the storage (or found absent). */
  authStateReady(): Promise<void> {
    return this.ready;
  }

  /**
   * Calls `callback` with the current user once the kept session is restored, then on every
   * sign-in and sign-out. Returns the function that unsubscribes.
   * @example `const stop = auth.onAuthStateChanged((user) => render(user)); stop();`
   */
  onAuthStateChanged(callback: (user: User | null) => void): () => void {
    this.listeners.add(callback);
    void this.ready.then(() => {
      if (this.listeners.has(callback)) callback(this.user);
    });
    return () => void this.listeners.delete(callback);
  }

  /**
   * @internal Calls `callback` after every change of the ID token: sign-in, sign-out, a
   * refresh, a session restored or adopted from the storage. The listen connection reconnects
   * with the new token.
   */
  onIdTokenChange(callback: () => void): () => void {
    this.tokenListeners.add(callback);
    return () => void this.tokenListeners.delete(callback);
  }

  /**
   * Starts an email/password sign-up: the runtime mails a confirmation link. The answer is the
   * same whether or not the address already has an account.
   * @throws WinkyError invalid-argument (`details.reason` weak-password, invalid-email),
   *   resource-exhausted when rate-limited.
   */
  async signUp(email: string, password: string): Promise<{ status: "confirmation-sent" }> {
    return this.http.request("/auth/signUp", { method: "POST", body: { email, password } });
  }

  /** Confirms a sign-up with the mailed link's token and signs the new user in. */
  confirmSignUp(token: string): Promise<User> {
    return this.start("/auth/confirmSignUp", { token });
  }

  /**
   * Signs in with email and password.
   * @example `const { uid } = await auth.signIn("ada@example.com", password);`
   * @throws WinkyError unauthenticated for a wrong email or password (the same for both).
   */
  signIn(email: string, password: string): Promise<User> {
    return this.start("/auth/signIn", { email, password });
  }

  /** Signs in as a new anonymous user. @throws WinkyError failed-precondition when disabled. */
  signInAnonymously(): Promise<User> {
    return this.start("/auth/signInAnonymously", {});
  }

  /**
   * Starts a sign-in with an OpenID Connect provider of the project (`"google"`, or the id an
   * admin gave another provider) by redirect. In a browser it navigates to the provider; the
   * page at `redirectUri` then calls {@link Auth.getRedirectResult}. Elsewhere (Node, tests) it
   * only resolves the provider's URL for the app to open.
   *
   * @example
   * ```ts
   * await auth.signInWithRedirect("google", { redirectUri: "https://app.example.com/auth/done" });
   * // …on https://app.example.com/auth/done:
   * const user = await auth.getRedirectResult(); // null when no redirect was pending
   * ```
   * @throws WinkyError invalid-argument (a bad provider id, or `redirectUri` not on the
   *   provider's allow-list), failed-precondition when the provider is not enabled,
   *   unavailable when the provider cannot be reached, resource-exhausted when rate-limited.
   */
  signInWithRedirect(provider: string, options: RedirectOptions): Promise<string> {
    return this.startRedirect("signInWithRedirect", provider, options, false);
  }

  /**
   * Links an OpenID Connect identity to the signed-in user by redirect, as
   * {@link Auth.signInWithRedirect} does; {@link Auth.getRedirectResult} completes it with the
   * same uid. An anonymous user so becomes a regular one, and what it owns stays its own. Keep
   * the session across the page load (`storage: localStorage`), since the exchange needs it.
   *
   * @example
   * ```ts
   * await auth.signInAnonymously();
   * await auth.linkWithRedirect("google", { redirectUri: `${location.origin}/auth/done` });
   * ```
   * @throws WinkyError unauthenticated when nobody is signed in, and as signInWithRedirect;
   *   getRedirectResult then throws already-exists when another account has the identity.
   */
  linkWithRedirect(provider: string, options: RedirectOptions): Promise<string> {
    return this.startRedirect("linkWithRedirect", provider, options, true);
  }

  /**
   * Completes a redirect started here: reads the answer from `url`'s fragment (the current
   * page's by default), exchanges its one-time code with the verifier kept at the start, and
   * signs the user in. Resolves null when there is no answer or this app started no redirect
   * (a fragment from anywhere else is ignored). In a browser the fragment is then removed from
   * the address bar.
   *
   * @example
   * ```ts
   * const user = await auth.getRedirectResult(); // on the redirectUri page
   * const later = await auth.getRedirectResult(urlTheAppWasOpenedWith); // Node, React Native
   * ```
   * @throws WinkyError for the provider's or runtime's refusal: cancelled (the user declined,
   *   `access_denied`), unavailable, unauthenticated (`details.reason` says which), and for the
   *   exchange: already-exists (linking an identity another account has), permission-denied
   *   (`user-disabled`), invalid-argument (the code expired: start again).
   */
  async getRedirectResult(url?: string): Promise<User | null> {
    await this.ready;
    const answer = readAnswer(url);
    if (!answer) return null;
    const storage = pendingStorage(this.storage);
    const key = `${this.storageKey}:redirect`;
    const pending = parsePending(await storage.getItem(key), Date.now());
    await storage.removeItem(key);
    clearAnswerFromAddressBar(url);
    if (!pending) return null;
    if ("error" in answer) throw redirectError(answer.error, answer.description);
    const body = { code: answer.code, codeVerifier: pending.verifier };
    return this.start("/auth/oidc:exchange", body, pending.link);
  }

  /**
   * Signs in with an ID token the app got from the provider itself (Google Identity Services,
   * a native sign-in SDK): Firebase's `signInWithCredential(GoogleAuthProvider.credential(t))`.
   * The runtime checks it against the provider's keys, with the project's client id as
   * audience.
   *
   * @example `const user = await auth.signInWithIdToken("google", response.credential);`
   * @throws WinkyError unauthenticated (`details.reason` invalid-idp-token: expired, another
   *   audience, bad signature), failed-precondition when the provider is not enabled.
   */
  signInWithIdToken(provider: string, idToken: string): Promise<User> {
    if (typeof idToken !== "string" || idToken === "") {
      return Promise.reject(invalidArgument("signInWithIdToken(): idToken is required"));
    }
    return this.start("/auth/signInWithIdp", { providerId: provider, idToken });
  }

  /**
   * Adds an email and password to the signed-in account (an anonymous upgrade). As with
   * sign-up, the runtime mails a link and answers the same whether or not the address has an
   * account; {@link Auth.confirmLinkEmail} with the link's code completes it, keeping the uid.
   *
   * @example
   * ```ts
   * await auth.signInAnonymously();
   * await auth.linkWithEmailPassword("ada@example.com", "correct horse battery");
   * // …the link's page: await auth.confirmLinkEmail(oobCode);
   * ```
   * @throws WinkyError unauthenticated when nobody is signed in, invalid-argument
   *   (weak-password, invalid-email), already-exists when the account already has an email.
   */
  async linkWithEmailPassword(
    email: string,
    password: string,
  ): Promise<{ status: "confirmation-sent" }> {
    await this.requireUser("linkWithEmailPassword");
    return this.http.request("/auth/linkWithEmailPassword", {
      method: "POST",
      body: { email, password },
      authenticated: true,
    });
  }

  /**
   * Opens a link from {@link Auth.linkWithEmailPassword} (its `oobCode`, mode
   * `confirmLinkEmail`) and signs that account in with its new email.
   *
   * @throws WinkyError invalid-argument (`invalid-action-token`) for a used or expired link.
   */
  confirmLinkEmail(token: string): Promise<User> {
    return this.start("/auth/confirmLinkEmail", { token });
  }

  /**
   * Asks to change the signed-in user's email (Firebase's `verifyBeforeUpdateEmail`): the
   * runtime mails a link to the new address; the change applies when it is opened
   * ({@link Auth.confirmEmailChange}), and the old address is told. The answer is the same
   * when the new address has an account. Needs a sign-in of the last 5 minutes.
   *
   * @example `await auth.updateEmail("ada@new.example.com");`
   * @throws WinkyError unauthenticated when nobody is signed in, failed-precondition
   *   (`requires-recent-login`: sign in again first; `operation-not-allowed` for an anonymous
   *   user), invalid-argument (invalid-email), resource-exhausted.
   */
  async updateEmail(newEmail: string): Promise<void> {
    await this.requireUser("updateEmail");
    await this.http.request("/auth/updateEmail", {
      method: "POST",
      body: { newEmail },
      authenticated: true,
    });
  }

  /**
   * Opens a link from {@link Auth.updateEmail} (mode `verifyAndChangeEmail`): the account takes
   * the new address and every session of it ends, this one included once the runtime refuses
   * its refresh token; sign in again with the new address.
   *
   * @throws WinkyError invalid-argument (`invalid-action-token`) for a used or expired link.
   */
  async confirmEmailChange(token: string): Promise<void> {
    await this.http.request("/auth/confirmEmailChange", { method: "POST", body: { token } });
    // The refresh fails if this device held the changed account: that signs it out here too.
    if (this.session) await this.getIdToken(true).catch(() => undefined);
  }

  /**
   * Signs out locally at once, then revokes the session's refresh tokens on the runtime.
   * @example `await auth.signOut(); auth.currentUser; // null`
   * @throws WinkyError when the revocation fails (the device is signed out regardless).
   */
  async signOut(): Promise<void> {
    await this.ready;
    const session = this.session;
    if (!session) return;
    await this.apply(null);
    await this.http.request("/auth/signOut", {
      method: "POST",
      body: { refreshToken: session.refreshToken },
    });
  }

  /** Mails a password-reset link, if the address has an account (the answer never says). */
  async sendPasswordReset(email: string): Promise<void> {
    await this.http.request("/auth/sendPasswordReset", { method: "POST", body: { email } });
  }

  /** Sets a new password with the reset link's token. */
  async resetPassword(token: string, newPassword: string): Promise<void> {
    await this.http.request("/auth/resetPassword", {
      method: "POST",
      body: { token, newPassword },
    });
  }

  /** Marks an email verified with the link's token; a signed-in user's token is refreshed. */
  async verifyEmail(token: string): Promise<void> {
    await this.http.request("/auth/verifyEmail", { method: "POST", body: { token } });
    // So currentUser.emailVerified reflects it; a failed refresh does not undo the verification.
    if (this.session) await this.getIdToken(true).catch(() => undefined);
  }

  /**
   * The ID token for requests, refreshed through `/auth/token` when it expires within 60 s
   * (or when forced); concurrent callers share one refresh. Null when signed out.
   * @example `const token = await auth.getIdToken(); // send as Authorization: Bearer <token>`
   * @throws WinkyError unauthenticated when the session was revoked (the user is signed out).
   */
  async getIdToken(forceRefresh = false): Promise<string | null> {
    await this.ready;
    const session = this.session;
    if (!session) return null;
    if (!forceRefresh && session.expiresAt - Date.now() > REFRESH_MARGIN_MS) {
      return session.idToken;
    }
    return (await this.refresh(session)).idToken;
  }

  /** @internal Called when the runtime refused `rejected` as expired. */
  async renewIdToken(rejected: string): Promise<string | null> {
    await this.ready;
    const session = this.session;
    if (!session) return null;
    if (session.idToken !== rejected) return session.idToken;
    return (await this.refresh(session)).idToken;
  }

  private async start(path: string, body: object, authenticated = false): Promise<User> {
    await this.ready;
    const answer = await this.http.request<SessionResponse>(path, {
      method: "POST",
      body,
      authenticated,
    });
    await this.apply(toStoredSession(answer, Date.now()));
    return this.user!;
  }

  private async requireUser(method: string): Promise<void> {
    await this.ready;
    if (!this.session) throw new WinkyError("unauthenticated", `${method}(): sign in first`);
  }

  private async startRedirect(
    method: string,
    provider: string,
    options: RedirectOptions,
    link: boolean,
  ): Promise<string> {
    checkRedirectOptions(method, provider, options);
    if (link) await this.requireUser(method);
    const { verifier, challenge } = await newVerifier();
    const { authorizationUrl } = await this.http.request<{ authorizationUrl: string }>(
      `/auth/oidc/${provider}/start`,
      {
        method: "POST",
        body: { redirectUri: options.redirectUri, codeChallenge: challenge, link },
        authenticated: link,
      },
    );
    const pending: PendingRedirect = { provider, verifier, link, startedAt: Date.now() };
    await pendingStorage(this.storage).setItem(
      `${this.storageKey}:redirect`,
      JSON.stringify(pending),
    );
    navigate(authorizationUrl, options);
    return authorizationUrl;
  }

  private refresh(current: StoredSession): Promise<StoredSession> {
    // Whoever asks while a refresh is in flight joins it, even if the session changed since:
    // two refreshes in parallel could send the same refresh token twice.
    this.inflight ??= this.rotate(current).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async rotate(current: StoredSession): Promise<StoredSession> {
    // Another tab sharing the storage may have rotated the token already: sending the old one
    // again would count as reuse and revoke the whole family.
    const stored = await this.readStorage();
    let base = current;
    const rotatedElsewhere =
      stored?.uid === current.uid && stored.refreshToken !== current.refreshToken;
    if (stored && rotatedElsewhere && this.session === current) {
      base = stored;
      this.adopt(stored);
      if (stored.expiresAt - Date.now() > REFRESH_MARGIN_MS) return stored;
    }
    try {
      const answer = await this.http.request<SessionResponse>("/auth/token", {
        method: "POST",
        body: { refreshToken: base.refreshToken },
      });
      const next = toStoredSession(answer, Date.now());
      // A sign-out or another sign-in meanwhile wins over this refresh.
      if (this.session === base) await this.apply(next);
      return next;
    } catch (e) {
      // The runtime refuses the refresh token for good: the session is over.
      if (isWinkyError(e) && e.code === "unauthenticated" && this.session === base) {
        await this.apply(null);
      }
      throw e;
    }
  }

  /** Makes `session` current, keeps it in the storage, and tells listeners when the user changed. */
  private async apply(session: StoredSession | null): Promise<void> {
    this.adopt(session);
    try {
      if (session) await this.storage.setItem(this.storageKey, JSON.stringify(session));
      else await this.storage.removeItem(this.storageKey);
    } catch {
      // A full or unavailable storage costs persistence across reloads, not this session.
    }
  }

  private adopt(session: StoredSession | null): void {
    const before = this.user?.uid ?? null;
    const tokenBefore = this.session?.idToken ?? null;
    const user = session ? userFromIdToken(session.idToken) : null;
    this.session = session;
    this.user = user;
    // A listener's bug must not break sign-in for the others: callApp rethrows it apart.
    if ((session?.idToken ?? null) !== tokenBefore) {
      for (const listener of [...this.tokenListeners]) callApp(listener, undefined);
    }
    if ((this.user?.uid ?? null) === before) return;
    for (const listener of [...this.listeners]) callApp(listener, this.user);
  }

  private async readStorage(): Promise<StoredSession | null> {
    try {
      return parseStoredSession(await this.storage.getItem(this.storageKey));
    } catch {
      return null;
    }
  }
}
