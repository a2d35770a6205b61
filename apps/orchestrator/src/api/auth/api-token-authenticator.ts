import type pg from "pg";
import { lesserRole, type Role } from "../roles.js";
import { API_TOKEN_PREFIX, hashApiToken, isApiTokenShaped } from "./api-token.js";
import {
  bearerOf,
  type Authentication,
  type Authenticator,
  type RequestHeaders,
} from "./authenticator.js";

/** `last_used_at` is written at most this often per token, so reads do not all become writes. */
const LAST_USED_RESOLUTION_MS = 60_000;

interface TokenRow {
  id: string;
  team_id: string;
  user_id: string | null;
  name: string;
  role: Role | null;
  revoked_at: Date | null;
  expires_at: Date | null;
  last_used_at: Date | null;
  member_role: Role | null;
  /** The owner's email, for a personal token. */
  email: string | null;
}

/**
 * Reads `Authorization: Bearer wk_…` API tokens from `api_tokens` (looked up by hash). A token
 * is valid until revoked or expired. A team token acts with its role; a personal token with the
 * lesser of its role and its owner's current role in the team, and not at all once its owner
 * has left the team.
 */
export class ApiTokenAuthenticator implements Authenticator {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async authenticate(headers: RequestHeaders): Promise<Authentication | null> {
    const token = bearerOf(headers.authorization);
    if (!token?.startsWith(API_TOKEN_PREFIX)) return null;
    if (!isApiTokenShaped(token)) return refuse("the API token is not valid: it is malformed");
    const { rows } = await this.pool.query<TokenRow>(
      `select t.id, t.team_id, t.user_id, t.name, t.role, t.revoked_at, t.expires_at,
              t.last_used_at, m.role as member_role, u.email
         from api_tokens t
         left join memberships m on m.team_id = t.team_id and m.user_id = t.user_id
         left join users u on u.id = t.user_id
        where t.token_hash = $1`,
      [hashApiToken(token)],
    );
    const row = rows[0];
    if (!row) return refuse("the API token is not valid: no such token");
    if (row.revoked_at) return refuse("the API token was revoked");
    const now = this.now();
    if (row.expires_at && row.expires_at <= now) {
      return refuse(`the API token expired at ${row.expires_at.toISOString()}`);
    }
    const role = effectiveRole(row);
    if (!role) return refuse("the API token's owner is no longer a member of its team");
    await this.noteUse(row, now);
    const actor = {
      kind: "token" as const,
      id: row.id,
      // Run logs name people: a personal token's owner, a team token by its name.
      label: row.email ?? `token '${row.name}'`,
      ...(row.user_id ? { userId: row.user_id } : {}),
    };
    return {
      ok: true,
      caller: { teamId: row.team_id, role, actor, ...(row.user_id ? { userId: row.user_id } : {}) },
    };
  }

  private async noteUse(row: TokenRow, now: Date): Promise<void> {
    if (row.last_used_at && now.getTime() - row.last_used_at.getTime() < LAST_USED_RESOLUTION_MS) {
      return;
    }
    // Bookkeeping only: a failed write must not refuse a valid token.
    await this.pool
      .query("update api_tokens set last_used_at = $2 where id = $1", [row.id, now])
      .catch(() => undefined);
  }
}

function effectiveRole(row: TokenRow): Role | undefined {
  if (!row.user_id) return row.role ?? undefined;
  if (!row.member_role) return undefined;
  return row.role ? lesserRole(row.role, row.member_role) : row.member_role;
}

function refuse(problem: string): Authentication {
  return { ok: false, problem };
}
