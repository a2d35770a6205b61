import {
  createAuthCore,
  type AuthCore,
  type AuthCoreOptions,
  type AuthStores,
} from "../auth-core.js";
import type { MailSettings } from "../mail.js";
import type { Clock } from "../primitives.js";
import { createPasswordHasher, type PasswordHasher } from "../passwords.js";
import { MemoryRateLimiter } from "../rate-limit.memory.js";
import {
  MemoryAuthProviderStore,
  MemoryIdentityStore,
  MemoryOidcFlowStore,
} from "./memory-oidc-stores.js";
import {
  MemoryActionTokenStore,
  MemoryOutbox,
  MemoryRefreshTokenStore,
  MemorySigningKeyStore,
} from "./memory-stores.js";
import { MemoryUserStore } from "./memory-user-store.js";

/**
 * A clock that moves only when told to, for tests of expiry, windows and lockout.
 * Starts at 2030-01-01T00:00:00Z unless given a start, so dates in failures are readable.
 */
export class ManualClock implements Clock {
  private current: number;
  private readonly start: number;

  constructor(start: Date | string = "2030-01-01T00:00:00.000Z") {
    this.current = new Date(start).getTime();
    this.start = this.current;
  }

  /**
   * The wall clock moved forward by as much as this clock has been advanced. For checking what
   * real servers stamp with the real time (an OpenID provider's ID tokens) while the test still
   * moves time: advancing this clock by two hours makes their tokens two hours old.
   */
  wallClockAdvanced(): Clock {
    return { now: () => new Date(Date.now() + (this.current - this.start)) };
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    if (ms < 0) throw new Error("a ManualClock only moves forward");
    this.current += ms;
  }

  /** Moves forward by whole seconds, as JWT times count. */
  advanceSeconds(seconds: number): void {
    this.advance(seconds * 1000);
  }
}

/** Every memory store, typed concretely so tests can inspect them. */
export interface MemoryAuthStores extends AuthStores {
  users: MemoryUserStore;
  signingKeys: MemorySigningKeyStore;
  refreshTokens: MemoryRefreshTokenStore;
  actionTokens: MemoryActionTokenStore;
  outbox: MemoryOutbox;
  rateLimiter: MemoryRateLimiter;
  authProviders: MemoryAuthProviderStore;
  identities: MemoryIdentityStore;
  oidcFlows: MemoryOidcFlowStore;
}

/** A fresh set of memory stores on one clock. */
export function createMemoryAuthStores(clock: ManualClock): MemoryAuthStores {
  return {
    users: new MemoryUserStore(),
    signingKeys: new MemorySigningKeyStore(),
    refreshTokens: new MemoryRefreshTokenStore(),
    actionTokens: new MemoryActionTokenStore(),
    outbox: new MemoryOutbox(),
    rateLimiter: new MemoryRateLimiter(clock),
    authProviders: new MemoryAuthProviderStore(),
    identities: new MemoryIdentityStore(),
    oidcFlows: new MemoryOidcFlowStore(),
  };
}

/**
 * A password hasher with cheap scrypt parameters (N=2^10), for tests only: the production
 * hasher costs tens of milliseconds per call by design.
 */
export function createTestPasswordHasher(): PasswordHasher {
  return createPasswordHasher({ params: { N: 2 ** 10, r: 8, p: 1 }, allowLowCostForTests: true });
}

/** The mail settings tests use. */
export const TEST_MAIL_SETTINGS: MailSettings = Object.freeze({
  actionBaseUrl: "https://app.example.test/auth/action",
  appName: "Test App",
});

/**
 * A wired auth core over memory stores, a manual clock and the cheap test hasher. OpenID
 * providers may be `http://` on loopback (a test's provider), and their ID tokens are checked
 * against the wall clock moved by the manual clock's advances ({@link ManualClock.wallClockAdvanced}).
 */
export function createTestAuthCore(
  overrides: Partial<Omit<AuthCoreOptions, "stores" | "clock">> = {},
  /** Real stores to use instead of memory ones (the memory ones stay in `stores`, unused). */
  replace: Partial<AuthStores> = {},
): { core: AuthCore; stores: MemoryAuthStores; clock: ManualClock } {
  const clock = new ManualClock();
  const stores = createMemoryAuthStores(clock);
  const core = createAuthCore({
    stores: { ...stores, ...replace },
    clock,
    mail: TEST_MAIL_SETTINGS,
    hasher: createTestPasswordHasher(),
    ...overrides,
    oidc: { allowLoopbackHttpIssuer: true, idpClock: clock.wallClockAdvanced(), ...overrides.oidc },
  });
  return { core, stores, clock };
}
