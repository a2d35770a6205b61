import type { Reading } from "./read.js";

/**
 * What the prompt says about access, clause by clause: "only admins can add products" (a
 * role), "private", "public", "shared", or an audience for the whole app ("for my team"). The
 * decisions are made in `access.ts`; this file only reads.
 */
/** What a clause says about access, and where (offset in the clause) it says it. */
export type Statement = (
  | { kind: "role"; role: string; audience?: undefined }
  | { kind: "owner" | "public-read" | "shared"; audience?: boolean }
) & { at: number };

const ROLE =
  /\bonly (the )?(admins?|administrators?|moderators?|editors?|managers?|staff|teachers?|instructors?|organi[sz]ers?|coaches?) (can|may|should|are allowed to|get to) (add|create|edit|manage|post|publish|write|update|delete|change|upload|schedule)\b/;
/** "Moderators can delete posts": a role with extra rights, beside the owners' own. */
export const ROLE_RIGHTS =
  /\b(admins?|administrators?|moderators?|editors?|managers?|teachers?|instructors?|organi[sz]ers?|coaches?|librarians?|agents?) (can|may|will be able to) (delete|remove|edit|manage|approve|ban|pin|hide|moderate|review|publish|feature|lock)\b/;
const PRIVATE =
  /\bprivate\b|\bonly (i|me|the owner|the author|the creator|they|you|each user|users|their owner) (can |could )?(see|read|view|access)\b|\bpersonal\b|\bonly visible to (me|the owner|them|their owner)\b|\bjust for me\b/;
const PUBLIC =
  /\bpublic(ly)?\b(?! transport)|\banyone (can|could) (see|read|view|browse)\b|\bvisible to (everyone|anyone|the public|the world)\b|\bwithout (an account|signing in|logging in|a login)\b|\bvisitors can\b/;
const SHARED =
  /\bshared?\b|\bshares\b|\bsharing\b|\bcollaborat\w*\b|\btogether\b|\b(all|other) (users|members|people) can (see|read|view|browse)\b|\bvisible to (all )?(other )?(users|members)\b/;
/** An audience for the whole app ("for my team", "our family"): everything is shared within it. */
const AUDIENCE =
  /\bteams?\b|\bfamil(y|ies)\b|\bhouseholds?\b|\broommates?\b|\bcolleagues\b|\bco-?workers\b|\bclassmates\b|\bstaff\b|\b(our|my|the) (company|office|org|organi[sz]ation|club)\b|\beveryone (in|on|at)\b|\bthe whole (team|family|group|class|office|company)\b/;
export const EVERYTHING = /\b(every ?thing|all (the )?(data|of it)|all lists)\b/;
const NEGATED = /\b(not|never|no|without|isn't|aren't)\s+(\w+\s+)?$/;

/** The strongest thing a clause says about access; an explicit role beats privacy beats public. */
export function statement(text: string, sports: boolean): Statement | undefined {
  const role = ROLE.exec(text);
  if (role) return { kind: "role", role: normaliseRole(role[2]!), at: role.index };
  for (const [re, kind] of [
    [PRIVATE, "owner"],
    [PUBLIC, "public-read"],
    [SHARED, "shared"],
  ] as const) {
    const m = re.exec(text);
    if (m && !NEGATED.test(text.slice(0, m.index))) return { kind, at: m.index };
  }
  // In a sports league "teams" are a model, not an audience.
  const m = sports ? null : AUDIENCE.exec(text);
  if (m && !NEGATED.test(text.slice(0, m.index)))
    return { kind: "shared", audience: true, at: m.index };
  return undefined;
}

export function normaliseRole(word: string): string {
  const w = word.replace(/s$/, "");
  return w === "administrator" ? "admin" : w === "organiser" ? "organizer" : w;
}

/** Each clause's text and where it starts. */
export function clauses(reading: Reading): { start: number; text: string }[] {
  const out: { start: number; end: number; clause: number }[] = [];
  for (const t of reading.tokens) {
    const last = out.at(-1);
    if (last && last.clause === t.clause) last.end = t.end;
    else out.push({ start: t.start, end: t.end, clause: t.clause });
  }
  return out.map((c) => ({ start: c.start, text: reading.lower.slice(c.start, c.end) }));
}
