import { TRPCError } from "@trpc/server";
import { membershipRole } from "@winky/db";
import { z } from "zod";
import { badInput } from "../api-errors.js";
import { issueApiToken } from "../auth/api-token.js";
import { inTransaction, writeAudit } from "../audit.js";
import { auditSourceOf } from "../context.js";
import { idInput, iso } from "../pagination.js";
import { hasRole, type Role } from "../roles.js";
import { procedureFor, router } from "../trpc.js";

/** A token as lists show it: never its secret nor its hash. */
export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  kind: "personal" | "team";
  /** The most it may do; null: its owner's role. */
  role: Role | null;
  owner: { userId: string; email: string } | null;
  state: "active" | "revoked" | "expired";
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  role: Role | null;
  user_id: string | null;
  owner_email: string | null;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}

const DAY_MS = 86_400_000;

/** API tokens: members manage their own personal tokens, admins every token of the team. */
export const tokensRouter = router({
  /** Members see their personal tokens; admins and owners see all the team's. */
  list: procedureFor("member").query(async ({ ctx }): Promise<TokenView[]> => {
    const everyone = hasRole(ctx.caller.role, "admin");
    if (!everyone && !ctx.caller.userId) return [];
    const { rows } = await ctx.services.pool.query<TokenRow>(
      `select t.id, t.name, t.prefix, t.role, t.user_id, u.email as owner_email,
              t.last_used_at, t.expires_at, t.revoked_at, t.created_at
         from api_tokens t left join users u on u.id = t.user_id
        where t.team_id = $1 and ($2::uuid is null or t.user_id = $2)
        order by t.created_at desc, t.id desc`,
      [ctx.caller.teamId, everyone ? null : ctx.caller.userId],
    );
    const now = new Date();
    return rows.map((row) => toTokenView(row, now));
  }),

  /**
   * Makes a personal token (member+) or a team token (admin+, `role` required), acting with
   * at most the caller's own role. The answer holds the secret: it is never shown again.
   */
  create: procedureFor("member")
    .input(
      z.object({
        name: z.string().trim().min(1, "must not be blank").max(100),
        kind: z.enum(["personal", "team"]).default("personal"),
        role: z.enum(membershipRole.enumValues).optional(),
        expiresInDays: z.number().int().min(1).max(365).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { caller } = ctx;
      if (input.kind === "team" && !hasRole(caller.role, "admin")) {
        throw new TRPCError({
          code: "FORBIDDEN",
          message: `a team token needs the admin role or higher; the caller acts as ${caller.role}`,
        });
      }
      if (input.kind === "team" && !input.role) throw badInput("role", "a team token needs a role");
      if (input.kind === "personal" && !caller.userId) {
        throw badInput("kind", "a team token cannot make personal tokens: it belongs to no one");
      }
      // Stored explicitly, so a token made while acting with less never gains more later.
      const role = input.role ?? caller.role;
      if (!hasRole(caller.role, role)) {
        throw new TRPCError({
          code: "FORBIDDEN",
          message: `role: a token cannot be given more than the caller's own role (${caller.role})`,
        });
      }
      const expiresAt = input.expiresInDays
        ? new Date(Date.now() + input.expiresInDays * DAY_MS)
        : null;
      return inTransaction(ctx.services.pool, async (client) => {
        const issued = await issueApiToken(client, {
          teamId: caller.teamId,
          userId: input.kind === "personal" ? caller.userId! : null,
          name: input.name,
          role,
          expiresAt,
        });
        await writeAudit(client, auditSourceOf(ctx), {
          action: "token.created",
          targetType: "api_token",
          targetId: issued.id,
          data: { name: input.name, kind: input.kind, role, prefix: issued.prefix },
        });
        return {
          id: issued.id,
          token: issued.token,
          prefix: issued.prefix,
          name: input.name,
          kind: input.kind,
          role,
          expiresAt: iso(issued.expiresAt),
          createdAt: iso(issued.createdAt),
        };
      });
    }),

  /** Revokes a token at once: the caller's own (member+), or any of the team's (admin+). */
  revoke: procedureFor("member")
    .input(z.object({ tokenId: idInput("token") }))
    .mutation(async ({ ctx, input }) => {
      const { pool } = ctx.services;
      const { rows } = await pool.query<TokenRow & { team_id: string }>(
        `select id, team_id, user_id, name, prefix, revoked_at from api_tokens where id = $1`,
        [input.tokenId],
      );
      const token = rows[0];
      if (!token) throw new TRPCError({ code: "NOT_FOUND", message: `no token ${input.tokenId}` });
      if (token.team_id !== ctx.caller.teamId) {
        throw new TRPCError({
          code: "FORBIDDEN",
          message: `token ${token.id} belongs to another team`,
        });
      }
      const own =
        (token.user_id !== null && token.user_id === ctx.caller.userId) ||
        token.id === ctx.caller.actor.id;
      if (!own && !hasRole(ctx.caller.role, "admin")) {
        throw new TRPCError({
          code: "FORBIDDEN",
          message: `revoking another's token needs the admin role or higher; the caller acts as ${ctx.caller.role}`,
        });
      }
      if (token.revoked_at) return { id: token.id, revokedAt: iso(token.revoked_at) };
      return inTransaction(pool, async (client) => {
        const revoked = await client.query<{ revoked_at: Date }>(
          `update api_tokens set revoked_at = now() where id = $1 and revoked_at is null
           returning revoked_at`,
          [token.id],
        );
        // Revoked by another request meanwhile: that one wrote the audit row.
        if (!revoked.rows[0]) return { id: token.id, revokedAt: null };
        await writeAudit(client, auditSourceOf(ctx), {
          action: "token.revoked",
          targetType: "api_token",
          targetId: token.id,
          data: { name: token.name, prefix: token.prefix },
        });
        return { id: token.id, revokedAt: iso(revoked.rows[0]!.revoked_at) };
      });
    }),
});

function toTokenView(row: TokenRow, now: Date): TokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    kind: row.user_id ? "personal" : "team",
    role: row.role,
    owner: row.user_id ? { userId: row.user_id, email: row.owner_email ?? "" } : null,
    state: row.revoked_at
      ? "revoked"
      : row.expires_at && row.expires_at <= now
        ? "expired"
        : "active",
    lastUsedAt: iso(row.last_used_at),
    expiresAt: iso(row.expires_at),
    revokedAt: iso(row.revoked_at),
    createdAt: iso(row.created_at),
  };
}
