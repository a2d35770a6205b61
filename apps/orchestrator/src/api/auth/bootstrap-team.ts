import type pg from "pg";
import { inTransaction, writeAudit } from "../audit.js";
import { issueApiToken } from "./api-token.js";

/** The first team of an installation, and the person who owns it. */
export interface BootstrapTeamInput {
  /** Lower-case letters, digits and dashes, as in URLs. */
  slug: string;
  name: string;
  ownerEmail: string;
  ownerName: string;
}

/** The team made, its owner, and their first token: the only time the token is shown. */
export interface BootstrappedTeam {
  teamId: string;
  userId: string;
  tokenId: string;
  token: string;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/**
 * Creates a team, its owner (reusing the user with that email, in any case), the owner
 * membership and a personal owner token, and audits `team.created` as the system — all in one
 * transaction. For the CLI and scripts that set an installation up before anyone can sign in.
 *
 * @throws Error naming the field for a bad slug, name or email, or when the slug is taken.
 */
export async function bootstrapTeam(
  pool: pg.Pool,
  input: BootstrapTeamInput,
): Promise<BootstrappedTeam> {
  if (!SLUG.test(input.slug)) {
    throw new Error(`slug: '${input.slug}' must be lower-case letters, digits and dashes`);
  }
  if (input.name.trim() === "") throw new Error("name: must not be blank");
  if (!EMAIL.test(input.ownerEmail)) throw new Error("ownerEmail: must be an email address");
  if (input.ownerName.trim() === "") throw new Error("ownerName: must not be blank");
  return inTransaction(pool, async (client) => {
    const team = await client.query<{ id: string }>(
      "insert into teams (slug, name) values ($1, $2) on conflict do nothing returning id",
      [input.slug, input.name.trim()],
    );
    const teamId = team.rows[0]?.id;
    if (!teamId) throw new Error(`slug: a team '${input.slug}' already exists`);
    await client.query(
      `insert into users (email, display_name) values ($1, $2) on conflict ((lower(email))) do nothing`,
      [input.ownerEmail, input.ownerName.trim()],
    );
    const user = await client.query<{ id: string }>(
      "select id from users where lower(email) = lower($1)",
      [input.ownerEmail],
    );
    const userId = user.rows[0]!.id;
    await client.query(
      "insert into memberships (team_id, user_id, role) values ($1, $2, 'owner')",
      [teamId, userId],
    );
    const issued = await issueApiToken(client, {
      teamId,
      userId,
      name: "bootstrap",
      role: "owner",
      expiresAt: null,
    });
    await writeAudit(
      client,
      { teamId, actor: { kind: "system", label: "system" }, ip: null },
      {
        action: "team.created",
        targetType: "team",
        targetId: teamId,
        data: {
          slug: input.slug,
          ownerUserId: userId,
          tokenId: issued.id,
          tokenPrefix: issued.prefix,
        },
      },
    );
    return { teamId, userId, tokenId: issued.id, token: issued.token };
  });
}
