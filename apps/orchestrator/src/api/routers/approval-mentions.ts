import type { Queryable } from "../audit.js";

/** A team member a comment @mentions. */
export interface MentionedMember {
  userId: string;
  email: string;
  displayName: string;
}

/**
 * `@someone@example.com`: an `@` that does not continue a word (so the `@` inside an address
 * starts nothing), then an address whose domain ends in a letter or digit (so the full stop
 * closing a sentence is not part of it).
 */
const MENTION = /(?<![\w.%+@-])@([\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g;

/** The addresses `body` @mentions, lower-cased, each once, in the order they first appear. */
export function mentionedAddresses(body: string): string[] {
  const seen = new Set<string>();
  for (const match of body.matchAll(MENTION)) seen.add(match[1]!.toLowerCase());
  return [...seen];
}

/**
 * The team's members among the addresses `bodies` mention, by lower-cased email. An address
 * of no member is no mention: it stays plain text, and nobody is told about it.
 */
export async function teamMembersMentioned(
  db: Queryable,
  teamId: string,
  bodies: readonly string[],
): Promise<Map<string, MentionedMember>> {
  const addresses = [...new Set(bodies.flatMap(mentionedAddresses))];
  if (addresses.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; email: string; display_name: string }>(
    `select u.id, u.email, u.display_name
       from memberships m join users u on u.id = m.user_id
      where m.team_id = $1 and lower(u.email) = any($2::text[])`,
    [teamId, addresses],
  );
  return new Map(
    rows.map((r) => [
      r.email.toLowerCase(),
      { userId: r.id, email: r.email, displayName: r.display_name },
    ]),
  );
}

/** The members `body` mentions, in the order it mentions them. */
export function mentionsIn(
  body: string,
  members: ReadonlyMap<string, MentionedMember>,
): MentionedMember[] {
  return mentionedAddresses(body).flatMap((address) => {
    const member = members.get(address);
    return member ? [member] : [];
  });
}

/**
 * The runs, among `runIds`, whose comments @mention `email`. The SQL only narrows them down
 * (the address appears after an `@`); the parser above decides, so the filter and the
 * highlighting never disagree about what a mention is.
 */
export async function runsMentioning(
  db: Queryable,
  runIds: readonly string[],
  email: string,
): Promise<Set<string>> {
  const address = email.toLowerCase();
  const { rows } = await db.query<{ run_id: string; body: string }>(
    `select run_id, body from comments
      where run_id = any($1::uuid[]) and strpos(lower(body), '@' || $2) > 0`,
    [runIds, address],
  );
  return new Set(
    rows.filter((r) => mentionedAddresses(r.body).includes(address)).map((r) => r.run_id),
  );
}
