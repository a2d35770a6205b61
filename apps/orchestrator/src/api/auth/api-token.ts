import { createHash, randomBytes } from "node:crypto";
import type pg from "pg";
import type { Role } from "../roles.js";

/** Every API token starts with this, so secret scanners and people can recognise one. */
export const API_TOKEN_PREFIX = "wk_";

/** How many characters of a token are kept in `api_tokens.prefix` to tell tokens apart. */
export const TOKEN_PREFIX_LENGTH = 10;

const TOKEN_SHAPE = /^wk_[A-Za-z0-9_-]{43}$/;

/** A freshly made token: the secret (shown once) and what is stored instead of it. */
export interface GeneratedApiToken {
  token: string;
  hash: string;
  prefix: string;
}

/** `wk_` and 32 random bytes in base64url (46 characters in all). */
export function generateApiToken(): GeneratedApiToken {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashApiToken(token), prefix: token.slice(0, TOKEN_PREFIX_LENGTH) };
}

/**
 * The SHA-256 of the token, in hex: what `api_tokens.token_hash` holds. A plain hash suffices
 * (no salt, no slow KDF) because the token is 256 random bits, not something a person chose.
 */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether `value` has the shape of an API token (it may still be unknown or revoked). */
export function isApiTokenShaped(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

/** What a new token is: personal (`userId`) or the team's, with the most it may do. */
export interface NewTokenSpec {
  teamId: string;
  /** The person it belongs to; null for a team token. */
  userId: string | null;
  name: string;
  /** Null only for a personal token that acts with its owner's role. */
  role: Role | null;
  expiresAt: Date | null;
}

/** A token as it was just stored, with the secret that is never stored nor shown again. */
export interface IssuedApiToken {
  id: string;
  token: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
}

/**
 * Stores a new token (its hash and prefix, never the token) and returns the secret once.
 * Takes a pool or a client inside a transaction, so the token and its audit row commit together.
 */
export async function issueApiToken(
  db: pg.Pool | pg.PoolClient,
  spec: NewTokenSpec,
): Promise<IssuedApiToken> {
  const { token, hash, prefix } = generateApiToken();
  const { rows } = await db.query<{ id: string; created_at: Date; expires_at: Date | null }>(
    `insert into api_tokens (team_id, user_id, name, role, token_hash, prefix, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7) returning id, created_at, expires_at`,
    [spec.teamId, spec.userId, spec.name, spec.role, hash, prefix, spec.expiresAt],
  );
  const row = rows[0]!;
  return { id: row.id, token, prefix, createdAt: row.created_at, expiresAt: row.expires_at };
}
