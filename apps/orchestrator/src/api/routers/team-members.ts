import { TRPCError } from "@trpc/server";
import { membershipRole } from "@winky/db";
import type pg from "pg";
import { z } from "zod";
import { inTransaction, writeAudit } from "../audit.js";
import { auditSourceOf, type AuthorizedContext } from "../context.js";
import { idInput, iso } from "../pagination.js";
import type { Role } from "../roles.js";
import { procedureFor } from "../trpc.js";

/** A member of the team. */
export interface MemberView {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  joinedAt: string;
}

const role = z.enum(membershipRole.enumValues);
const userId = idInput("user");

/**
 * Who is in the team (viewer+) and changing that (admin+). Only an owner may grant or take
 * away `owner`, and a team always keeps one: the last owner can be neither demoted nor removed.
 */
export const memberProcedures = {
  /** The team's members, owners first. */
  members: procedureFor("viewer").query(async ({ ctx }): Promise<MemberView[]> => {
    const { rows } = await ctx.services.pool.query<MemberRow>(
      `${MEMBER_SELECT} where m.team_id = $1 order by m.role, lower(u.email)`,
      [ctx.caller.teamId],
    );
    return rows.map(toMemberView);
  }),

  /** Adds a person by email, creating their user when the platform has none. */
  addMember: procedureFor("admin")
    .input(
      z.object({
        email: z.email({ error: "must be an email address" }),
        role: role.default("member"),
        displayName: z.string().trim().min(1, "must not be blank").max(100).optional(),
      }),
    )
    .mutation(async ({ ctx, input }): Promise<MemberView> => {
      if (input.role === "owner") assertOwnerMayChangeOwners(ctx);
      return inTransaction(ctx.services.pool, async (client) => {
        await client.query(
          `insert into users (email, display_name) values ($1, $2)
           on conflict ((lower(email))) do nothing`,
          [input.email, input.displayName ?? input.email.split("@")[0]],
        );
        const { rows } = await client.query<{ id: string }>(
          "select id from users where lower(email) = lower($1)",
          [input.email],
        );
        const added = await client.query(
          `insert into memberships (team_id, user_id, role) values ($1, $2, $3)
           on conflict do nothing`,
          [ctx.caller.teamId, rows[0]!.id, input.role],
        );
        if (!added.rowCount) {
          throw new TRPCError({
            code: "CONFLICT",
            message: `email: ${input.email} is already a member`,
          });
        }
        const member = await memberOf(client, ctx.caller.teamId, rows[0]!.id);
        await audit(client, ctx, "member.added", member!.userId, { role: input.role });
        return member!;
      });
    }),

  /** Gives a member another role. */
  setRole: procedureFor("admin")
    .input(z.object({ userId, role }))
    .mutation(({ ctx, input }) =>
      changeMembership(
        ctx,
        input.userId,
        async (client, member) => {
          if (member.role === input.role) return toMemberView(member);
          await client.query(
            "update memberships set role = $3 where team_id = $1 and user_id = $2",
            [ctx.caller.teamId, member.user_id, input.role],
          );
          await audit(client, ctx, "member.role_changed", member.user_id, {
            from: member.role,
            to: input.role,
          });
          return { ...toMemberView(member), role: input.role };
        },
        input.role,
      ),
    ),

  /** Takes a member out of the team; their personal tokens stop working with it. */
  removeMember: procedureFor("admin")
    .input(z.object({ userId }))
    .mutation(({ ctx, input }) =>
      changeMembership(ctx, input.userId, async (client, member) => {
        await client.query("delete from memberships where team_id = $1 and user_id = $2", [
          ctx.caller.teamId,
          member.user_id,
        ]);
        await audit(client, ctx, "member.removed", member.user_id, { role: member.role });
        return { removed: toMemberView(member) };
      }),
    ),
};

/**
 * Runs `change` on a member with the team row locked, so two admins demoting the last two
 * owners at once cannot leave the team with none. `newRole` undefined means removal.
 */
async function changeMembership<T>(
  ctx: AuthorizedContext,
  targetUserId: string,
  change: (client: pg.PoolClient, member: MemberRow) => Promise<T>,
  newRole?: Role,
): Promise<T> {
  return inTransaction(ctx.services.pool, async (client) => {
    await client.query("select 1 from teams where id = $1 for update", [ctx.caller.teamId]);
    const member = await memberRowOf(client, ctx.caller.teamId, targetUserId);
    if (!member) {
      throw new TRPCError({
        code: "NOT_FOUND",
        message: `userId: no member ${targetUserId} in this team`,
      });
    }
    if (member.role === "owner" || newRole === "owner") assertOwnerMayChangeOwners(ctx);
    if (member.role === "owner" && newRole !== "owner") {
      const { rows } = await client.query<{ n: number }>(
        "select count(*)::int as n from memberships where team_id = $1 and role = 'owner'",
        [ctx.caller.teamId],
      );
      if (rows[0]!.n <= 1) {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: `the last owner cannot be ${newRole ? "demoted" : "removed"}: make another member owner first`,
        });
      }
    }
    return change(client, member);
  });
}

function assertOwnerMayChangeOwners(ctx: AuthorizedContext): void {
  if (ctx.caller.role !== "owner") {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `only an owner may grant or take away the owner role; the caller acts as ${ctx.caller.role}`,
    });
  }
}

interface MemberRow {
  user_id: string;
  email: string;
  display_name: string;
  role: Role;
  created_at: Date;
}

const MEMBER_SELECT = `select m.user_id, u.email, u.display_name, m.role, m.created_at
  from memberships m join users u on u.id = m.user_id`;

async function memberRowOf(db: pg.PoolClient, teamId: string, userId: string) {
  const { rows } = await db.query<MemberRow>(
    `${MEMBER_SELECT} where m.team_id = $1 and m.user_id = $2`,
    [teamId, userId],
  );
  return rows[0];
}

async function memberOf(db: pg.PoolClient, teamId: string, userId: string) {
  const row = await memberRowOf(db, teamId, userId);
  return row && toMemberView(row);
}

function toMemberView(row: MemberRow): MemberView {
  return {
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    joinedAt: iso(row.created_at),
  };
}

function audit(
  client: pg.PoolClient,
  ctx: AuthorizedContext,
  action: string,
  userId: string,
  data: Record<string, unknown>,
) {
  return writeAudit(client, auditSourceOf(ctx), {
    action,
    targetType: "user",
    targetId: userId,
    data,
  });
}
