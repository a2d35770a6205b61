import { TRPCError } from "@trpc/server";
import type pg from "pg";
import { z } from "zod";
import { inTransaction, writeAudit } from "../audit.js";
import type { Role } from "../roles.js";
import { identifiedProcedure, router, type IdentifiedContext } from "../trpc.js";

/** One of the caller's teams, as a team switcher lists it. */
export interface AccountTeam {
  id: string;
  slug: string;
  name: string;
  role: Role;
}

/** Who is calling, their teams, and the team this request acts in (if one could be chosen). */
export interface AccountView {
  /** The person's verified email; for an API token, its owner's (null for a team token). */
  email: string | null;
  /** How they authenticated: a studio sign-in, or an API token (which acts in its one team). */
  via: "sign-in" | "token";
  teams: AccountTeam[];
  /** The team this request acts in; null when the person is in no team or named none. */
  currentTeam: string | null;
}

const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "use 2–63 lower-case letters, digits and dashes");
const name = z.string().trim().min(1, "must not be blank").max(100, "at most 100 characters");

/**
 * What comes before a team: a person signed in to the studio sees their teams and makes new
 * ones, becoming their owner. API tokens belong to one team, so they only read it here.
 */
export const accountRouter = router({
  me: identifiedProcedure.query(async ({ ctx }): Promise<AccountView> => {
    const { pool } = ctx.services;
    if (ctx.person) {
      return {
        email: ctx.person.email,
        via: "sign-in",
        teams: await teamsOfEmail(pool, ctx.person.email),
        currentTeam: ctx.caller ? await slugOf(pool, ctx.caller.teamId) : null,
      };
    }
    const caller = ctx.caller!;
    const { rows } = await pool.query<AccountTeam>(
      "select id, slug, name from teams where id = $1",
      [caller.teamId],
    );
    const email = caller.userId ? await emailOf(pool, caller.userId) : null;
    return {
      email,
      via: "token",
      teams: rows.map((t) => ({ ...t, role: caller.role })),
      currentTeam: rows[0]?.slug ?? null,
    };
  }),

  /** A new team owned by the signed-in person; its slug is unique across the platform. */
  createTeam: identifiedProcedure
    .input(z.object({ slug, name }))
    .mutation(async ({ ctx, input }): Promise<AccountTeam> => {
      const person = requirePerson(ctx);
      return inTransaction(ctx.services.pool, async (client) => {
        const team = await client.query<{ id: string }>(
          "insert into teams (slug, name) values ($1, $2) on conflict do nothing returning id",
          [input.slug, input.name],
        );
        const teamId = team.rows[0]?.id;
        if (!teamId) {
          throw new TRPCError({
            code: "CONFLICT",
            message: `slug: a team '${input.slug}' already exists; choose another`,
          });
        }
        await client.query(
          `insert into users (email, display_name) values ($1, $2)
           on conflict ((lower(email))) do nothing`,
          [person.email, person.email.split("@")[0]],
        );
        const user = await client.query<{ id: string }>(
          "select id from users where lower(email) = lower($1)",
          [person.email],
        );
        const userId = user.rows[0]!.id;
        await client.query(
          "insert into memberships (team_id, user_id, role) values ($1, $2, 'owner')",
          [teamId, userId],
        );
        await writeAudit(
          client,
          { teamId, actor: { kind: "user", id: userId, label: person.email, userId }, ip: ctx.ip },
          { action: "team.created", targetType: "team", targetId: teamId, data: { ...input } },
        );
        return { id: teamId, slug: input.slug, name: input.name, role: "owner" };
      });
    }),
});

function requirePerson(ctx: IdentifiedContext) {
  if (!ctx.person) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "an API token acts in its own team: sign in to the studio to create a team",
    });
  }
  return ctx.person;
}

async function teamsOfEmail(pool: pg.Pool, email: string): Promise<AccountTeam[]> {
  const { rows } = await pool.query<AccountTeam>(
    `select t.id, t.slug, t.name, m.role
       from users u join memberships m on m.user_id = u.id join teams t on t.id = m.team_id
      where lower(u.email) = lower($1) order by lower(t.name), t.slug`,
    [email],
  );
  return rows;
}

async function slugOf(pool: pg.Pool, teamId: string): Promise<string | null> {
  const { rows } = await pool.query<{ slug: string }>("select slug from teams where id = $1", [
    teamId,
  ]);
  return rows[0]?.slug ?? null;
}

async function emailOf(pool: pg.Pool, userId: string): Promise<string | null> {
  const { rows } = await pool.query<{ email: string }>("select email from users where id = $1", [
    userId,
  ]);
  return rows[0]?.email ?? null;
}
