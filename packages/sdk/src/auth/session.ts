/**
 * The signed-in session: what the runtime answers on sign-in, how it is persisted, and the user
 * read from the ID token's claims.
 */
import { WinkyError } from "../errors.js";

/**
 * The signed-in user, read from the ID token's claims (Firebase's ID-token claims: `sub`,
 * `email`, `email_verified`, `firebase.sign_in_provider`).
 *
 * @example
 * ```ts
 * const user: User | null = client.auth.currentUser;
 * if (user && !user.isAnonymous && !user.emailVerified) askToVerify(user.email);
 * ```
 */
export interface User {
  uid: string;
  /** Absent for anonymous users. */
  email?: string;
  emailVerified: boolean;
  isAnonymous: boolean;
}

/**
 * Where the session is kept between page loads: `window.localStorage` fits, and so does
 * React Native's AsyncStorage (its methods may return promises).
 *
 * @example
 * ```ts
 * createClient({ url, project, storage: window.localStorage });
 * createClient({ url, project, storage: AsyncStorage }); // React Native
 * ```
 */
export interface AuthStorage {
  getItem(key: string): string | null | Promise<string | null>;
  setItem(key: string, value: string): void | Promise<void>;
  removeItem(key: string): void | Promise<void>;
}

/**
 * A storage that lives as long as the page: the default, so a session does not survive a
 * reload unless the app passes `localStorage` (or another {@link AuthStorage}).
 *
 * @example
 * ```ts
 * const storage = createMemoryStorage();
 * const client = createClient({ url, project, storage });
 * ```
 */
export function createMemoryStorage(): AuthStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** What the runtime's sign-in and refresh endpoints answer (its `Session`). */
export interface SessionResponse {
  uid: string;
  idToken: string;
  /** Seconds until `idToken` expires. */
  expiresIn: number;
  refreshToken: string;
}

/** @internal The session as kept. */
export interface StoredSession {
  uid: string;
  idToken: string;
  refreshToken: string;
  /**
   * When the ID token expires, in local epoch milliseconds: receipt time plus `expiresIn`, so a
   * device whose clock is off still refreshes on time.
   */
  expiresAt: number;
}

/** @internal */
export function toStoredSession(s: SessionResponse, now: number): StoredSession {
  if (typeof s?.idToken !== "string" || typeof s.refreshToken !== "string") {
    throw new WinkyError("internal", "the server's session answer has no tokens");
  }
  return {
    uid: s.uid,
    idToken: s.idToken,
    refreshToken: s.refreshToken,
    expiresAt: now + s.expiresIn * 1000,
  };
}

/** @internal A kept session, or null when the text is missing or not a session. */
export function parseStoredSession(text: string | null): StoredSession | null {
  if (!text) return null;
  try {
    const s = JSON.parse(text) as Partial<StoredSession>;
    const ok =
      typeof s.uid === "string" &&
      typeof s.idToken === "string" &&
      typeof s.refreshToken === "string" &&
      typeof s.expiresAt === "number";
    return ok ? (s as StoredSession) : null;
  } catch {
    return null;
  }
}

/**
 * @internal The user an ID token describes. The payload is read, not verified: the runtime
 * verifies the token on every request, and the client only shows who is signed in.
 */
export function userFromIdToken(idToken: string): User {
  const payload = idToken.split(".")[1];
  let claims: Record<string, unknown>;
  try {
    const base64 = payload!.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "="));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch (e) {
    throw new WinkyError("internal", "the server sent an ID token that is not a JWT", { cause: e });
  }
  const provider = (claims.firebase as { sign_in_provider?: unknown } | undefined)
    ?.sign_in_provider;
  return {
    uid: String(claims.sub ?? claims.user_id),
    ...(typeof claims.email === "string" ? { email: claims.email } : {}),
    emailVerified: claims.email_verified === true,
    isAnonymous: provider === "anonymous" || claims.provider_id === "anonymous",
  };
}
