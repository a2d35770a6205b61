/**
 * The ID token the listen connection opens with, and what to do when the runtime refuses it.
 */

/** Where the connection gets credentials; implemented by the auth module. */
export interface ListenTokens {
  /** The current ID token (refreshed first when about to expire), or null when signed out. */
  getIdToken(): Promise<string | null>;
  /** A token to replace `rejected`: the current one when it differs, else a refreshed one. */
  renewIdToken(rejected: string): Promise<string | null>;
  /** Calls `callback` after every change of the ID token: sign-in, sign-out, refresh. */
  onIdTokenChange(callback: () => void): () => void;
}

/**
 * The token of each connection attempt. When the runtime refuses one as `unauthenticated`
 * (expired by its clock, signed with a retired key…), the next attempt renews it first. A
 * renewed token that is refused too, before any snapshot proved it good, is not renewed again:
 * the refusal is then final, rather than a refresh every few seconds forever.
 */
export class ListenCredentials {
  private used: string | null = null;
  /** A token the runtime refused: the next attempt renews it. */
  private rejected: string | null = null;
  /** The token the last renewal gave, until a snapshot proves it good. */
  private renewed: string | null = null;

  constructor(private readonly tokens: ListenTokens) {}

  /**
   * The token for the next attempt (null: connect signed out).
   * @throws whatever getting or refreshing it threw (e.g. unavailable): the attempt is retried.
   */
  async next(): Promise<string | null> {
    const rejected = this.rejected;
    const token =
      rejected === null ? await this.tokens.getIdToken() : await this.tokens.renewIdToken(rejected);
    if (rejected !== null) this.renewed = token;
    this.rejected = null;
    return token;
  }

  /** The attempt that follows will use `token`. */
  use(token: string | null): void {
    this.used = token;
  }

  /**
   * The runtime refused the current token as unauthenticated. True when the next attempt will
   * renew it; false when renewing cannot help (no token, or it was already renewed).
   */
  refused(): boolean {
    const token = this.used;
    if (token === null || token === this.renewed) return false;
    this.rejected = token;
    return true;
  }

  /** The runtime accepted the token (it sent a snapshot). */
  accepted(): void {
    this.renewed = null;
  }

  /**
   * The token changed (sign-in, sign-out, refresh): nothing is left to renew. `renewed` stays:
   * our own renewal changes the token too, and its result must not be renewed again.
   */
  reset(): void {
    this.rejected = null;
  }
}
