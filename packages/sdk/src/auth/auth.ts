import { callApp, isWinkyError } from "../errors.js";
import type { HttpClient, TokenSource } from "../http.js";
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
 * link), sign-in, anonymous sign-in, password reset and email verification. While signed in,
 * every document request carries the user's ID token, refreshed shortly before it expires.
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

  private async start(path: string, body: object): Promise<User> {
    await this.ready;
    const answer = await this.http.request<SessionResponse>(path, { method: "POST", body });
    await this.apply(toStoredSession(answer, Date.now()));
    return this.user!;
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
