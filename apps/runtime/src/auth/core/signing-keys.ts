import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from "jose";
import type { CryptoKey } from "jose";
import { systemClock, SECOND, type Clock } from "./primitives.js";

/** The one signing algorithm: ECDSA P-256, supported by every JWT library and by WebCrypto. */
export const SIGNING_ALG = "ES256";

/** `active` signs and verifies; `retiring` only verifies; `retired` does neither. */
export type SigningKeyStatus = "active" | "retiring" | "retired";

/** A public signing key as published in the JWKS. */
export interface PublicSigningJwk {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
  kid: string;
  alg: typeof SIGNING_ALG;
  use: "sig";
}

/** The private half, as the store keeps it. */
export interface PrivateSigningJwk extends PublicSigningJwk {
  d: string;
}

/** One project signing key. */
export interface SigningKeyRecord {
  projectId: string;
  /** The RFC 7638 thumbprint of the public key: unique, and derivable from the key alone. */
  kid: string;
  publicJwk: PublicSigningJwk;
  /**
   * The private key as a JWK. The memory store holds it in the clear; the Postgres store is to
   * encrypt it with the secret store before writing it (not yet wired).
   */
  privateJwk: PrivateSigningJwk;
  status: SigningKeyStatus;
  createdAt: Date;
  /** When `status` last changed; for a retiring key, when it stopped signing. */
  statusChangedAt: Date;
}

/**
 * Where signing keys live. Keys are never deleted by the core: retired keys stay for audit.
 */
export interface SigningKeyStore {
  /** Every key of the project, any status, ordered by `createdAt` (oldest first); `[]` if none. */
  list(projectId: string): Promise<SigningKeyRecord[]>;
  /** Adds a key; `(projectId, kid)` is unique. */
  add(record: SigningKeyRecord): Promise<void>;
  /** Sets a key's status and `statusChangedAt`. Idempotent; a missing key is ignored. */
  updateStatus(projectId: string, kid: string, status: SigningKeyStatus, at: Date): Promise<void>;
}

/** Options of {@link SigningKeys}. */
export interface SigningKeysOptions {
  store: SigningKeyStore;
  clock?: Clock;
  /** The access-token lifetime: a retiring key stays published this long. Default 3600. */
  accessTokenTtlSeconds?: number;
  /** Verification tolerance, added to the retiring period. Default 5. */
  clockSkewSeconds?: number;
}

/** A key as the token code uses it. */
export interface UsableSigningKey {
  kid: string;
  key: CryptoKey;
}

/**
 * Per-project signing keys with rotation that logs nobody out: after `rotate`, the new key signs
 * and the previous one keeps verifying (and stays in the JWKS) until every token it signed has
 * expired, then it is retired.
 *
 * Which keys verify is computed from the records and the clock at every call, so correctness
 * never depends on a sweep having run; {@link SigningKeys.retireExpired} only records it. If
 * several keys are `active` (two instances created a first key at once, or a rotation stopped
 * halfway), the newest signs and the others count as retiring from the moment it was created.
 */
export class SigningKeys {
  /** The access-token lifetime these keys were configured for; the token code reads it here. */
  readonly accessTokenTtlSeconds: number;
  /** The verification tolerance, likewise shared with the token code. */
  readonly clockSkewSeconds: number;
  private readonly store: SigningKeyStore;
  private readonly clock: Clock;
  private readonly publishedForMs: number;
  private readonly imported = new Map<string, Promise<CryptoKey>>();
  private readonly creating = new Map<string, Promise<SigningKeyRecord>>();

  constructor(options: SigningKeysOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? 3600;
    this.clockSkewSeconds = options.clockSkewSeconds ?? 5;
    this.publishedForMs = (this.accessTokenTtlSeconds + this.clockSkewSeconds) * SECOND;
  }

  /** The key new tokens are signed with; creates the project's first key when it has none. */
  async signingKey(projectId: string): Promise<UsableSigningKey> {
    const record = (await this.current(projectId)).active ?? (await this.createFirst(projectId));
    return { kid: record.kid, key: await this.importKey(record, "private") };
  }

  /** The public key for `kid` if it may verify tokens now (active or still retiring), else null. */
  async verificationKey(projectId: string, kid: string): Promise<UsableSigningKey | null> {
    const record = (await this.current(projectId)).verifying.find((k) => k.kid === kid);
    return record ? { kid, key: await this.importKey(record, "public") } : null;
  }

  /** The public JWKS: the active key and the retiring ones, public parts only. */
  async jwks(projectId: string): Promise<{ keys: PublicSigningJwk[] }> {
    const { verifying } = await this.current(projectId);
    return { keys: verifying.map((k) => publicPart(k.publicJwk)) };
  }

  /**
   * Makes a new key active and the previous active key `retiring`; tokens it signed stay valid
   * until they expire. Also records any retirement that is due.
   *
   * @returns the kid of the new active key.
   */
  async rotate(projectId: string): Promise<string> {
    const now = this.clock.now();
    const previous = (await this.store.list(projectId)).filter((k) => k.status === "active");
    // Add before demoting: if we stop in between, two keys are active and the newest wins,
    // rather than none being active and the next sign-in racing to create one.
    const next = await generateRecord(projectId, now);
    await this.store.add(next);
    for (const key of previous) await this.store.updateStatus(projectId, key.kid, "retiring", now);
    await this.retireExpired(projectId);
    return next.kid;
  }

  /**
   * Marks retiring keys whose tokens have all expired as `retired`, removing them from the JWKS.
   * Safe to run at any time (a periodic job, or after rotation).
   *
   * @returns the kids retired by this call.
   */
  async retireExpired(projectId: string): Promise<string[]> {
    const { retiredNow } = await this.current(projectId);
    const now = this.clock.now();
    for (const kid of retiredNow) await this.store.updateStatus(projectId, kid, "retired", now);
    return retiredNow;
  }

  private async current(projectId: string) {
    const keys = await this.store.list(projectId);
    const now = this.clock.now().getTime();
    const actives = keys.filter((k) => k.status === "active");
    const active = actives.reduce<SigningKeyRecord | undefined>(
      (newest, k) => (!newest || k.createdAt >= newest.createdAt ? k : newest),
      undefined,
    );
    const verifying: SigningKeyRecord[] = [];
    const retiredNow: string[] = [];
    for (const key of keys) {
      if (key === active) verifying.push(key);
      else if (key.status !== "retired") {
        const since = key.status === "retiring" || !active ? key.statusChangedAt : active.createdAt;
        if (now < since.getTime() + this.publishedForMs) verifying.push(key);
        else retiredNow.push(key.kid);
      }
    }
    return { active, verifying, retiredNow };
  }

  private async createFirst(projectId: string): Promise<SigningKeyRecord> {
    // One creation per project per process; across processes the newest-active rule applies.
    let pending = this.creating.get(projectId);
    if (!pending) {
      pending = generateRecord(projectId, this.clock.now()).then(async (record) => {
        await this.store.add(record);
        return record;
      });
      this.creating.set(projectId, pending);
      void pending.finally(() => this.creating.delete(projectId)).catch(() => undefined);
    }
    return pending;
  }

  private importKey(record: SigningKeyRecord, half: "public" | "private"): Promise<CryptoKey> {
    const cacheKey = `${record.projectId}\u0000${record.kid}\u0000${half}`;
    let key = this.imported.get(cacheKey);
    if (!key) {
      const jwk = half === "private" ? record.privateJwk : record.publicJwk;
      key = importJWK(jwk, SIGNING_ALG);
      this.imported.set(cacheKey, key);
    }
    return key;
  }
}

async function generateRecord(projectId: string, now: Date): Promise<SigningKeyRecord> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const pub = await exportJWK(publicKey);
  const priv = await exportJWK(privateKey);
  if (pub.kty !== "EC" || !pub.x || !pub.y || !priv.d) throw new Error("unexpected ES256 JWK");
  const kid = await calculateJwkThumbprint({ kty: "EC", crv: "P-256", x: pub.x, y: pub.y });
  const publicJwk: PublicSigningJwk = {
    kty: "EC",
    crv: "P-256",
    x: pub.x,
    y: pub.y,
    kid,
    alg: SIGNING_ALG,
    use: "sig",
  };
  const privateJwk: PrivateSigningJwk = { ...publicJwk, d: priv.d };
  return {
    projectId,
    kid,
    publicJwk,
    privateJwk,
    status: "active",
    createdAt: now,
    statusChangedAt: now,
  };
}

// Rebuilt field by field rather than copied, so a private member can never reach the JWKS even
// if a store hands back a record whose public JWK was polluted.
function publicPart(jwk: PublicSigningJwk): PublicSigningJwk {
  const { kty, crv, x, y, kid, alg, use } = jwk;
  return { kty, crv, x, y, kid, alg, use };
}
