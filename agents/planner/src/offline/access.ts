import type { AccessPolicy } from "../plan-schema.js";
import type { Draft } from "./drafts.js";
import type { Extraction } from "./extract.js";
import { DOMAINS, specById } from "./lexicon/index.js";
import type { AccessHint } from "./lexicon/types.js";
import type { Reading } from "./read.js";
import { tokenAt } from "./targets.js";
import { listing, phraseOf, plural } from "./words.js";
import { EVERYTHING, ROLE_RIGHTS, clauses, normaliseRole, statement } from "./access-statements.js";

/**
 * Who may read and write each model. Deny by default: owner-only unless the domain makes a
 * model shared by nature (chat rooms, a shop's products, a blog's posts) or the prompt says so
 * ("shared with my team", "public", "only admins can add products"). Children follow their
 * parent; things people add to someone else's document make that document readable to them.
 */
export interface AccessResult {
  access: Map<string, AccessPolicy>;
  roles: string[];
}

export function decideAccess(
  x: Extraction,
  reading: Reading,
  adminPanel: boolean,
  sports: boolean,
): AccessResult {
  const drafts = x.book.all();
  const access = new Map<string, AccessPolicy>();
  const roles = new Set<string>(adminPanel ? ["admin"] : []);
  for (const d of drafts) access.set(d.name, fromHint(hintOf(d, x), roles));

  for (const { start, text } of clauses(reading)) {
    const rights = ROLE_RIGHTS.exec(text);
    if (rights && !/\bonly\b/.test(text.slice(0, rights.index))) {
      const role = normaliseRole(rights[1]!);
      if (!roles.has(role))
        x.assumptions.push(
          `${cap(role)}s are a role; what they may do beyond authors (${rights[3]} others' documents) is enforced by server functions.`,
        );
      roles.add(role);
    }
    const said = statement(text, sports);
    if (!said) continue;
    const named =
      said.audience || EVERYTHING.test(text)
        ? []
        : adjacent(x, reading, start + said.at, said.kind === "role");
    const targets =
      named.length > 0
        ? named
        : drafts.filter(
            (d) =>
              !d.parent &&
              !d.spec?.social &&
              (access.get(d.name)!.kind === "owner" || d === x.main || EVERYTHING.test(text)),
          );
    for (const d of targets) {
      if (said.kind === "role") {
        roles.add(said.role);
        const current = access.get(d.name)!;
        access.set(
          d.name,
          current.kind === "public-read"
            ? { kind: "public-read", roles: [said.role] }
            : { kind: "role", roles: [said.role] },
        );
      } else access.set(d.name, { kind: said.kind });
    }
  }
  inherit(drafts, access, x.assumptions);
  openParents(drafts, access, x.assumptions);
  describe(drafts, access, x.assumptions);
  return { access, roles: [...roles] };
}

/**
 * The models a statement is about: named right after it ("public episodes", "only admins can
 * add products"), else right before it ("jobs are public"); none means the whole app.
 */
function adjacent(x: Extraction, reading: Reading, charPos: number, role: boolean): Draft[] {
  const k = tokenAt(reading, charPos);
  const clause = reading.tokens[k]!.clause;
  const inClause = x.mentions.filter((m) => reading.tokens[m.first]!.clause === clause);
  const draftOf = (m: (typeof inClause)[number]) => x.book.get(specById(m.specId).name);
  const after = inClause.filter((m) => m.first > k && m.first <= k + (role ? 6 : 3));
  const before = inClause.filter((m) => m.last < k && m.last >= k - 4).slice(-1);
  const picked = after.length > 0 ? after : before;
  return [...new Set(picked.flatMap((m) => draftOf(m) ?? []))].filter((d) => !d.spec?.social);
}

function hintOf(d: Draft, x: Extraction): AccessHint | "owner" | undefined {
  if (!d.spec) return undefined;
  for (const dom of x.domains) {
    const h = DOMAINS.find((s) => s.id === dom.id)?.access?.[d.spec.id];
    if (h) return h;
  }
  return d.spec.access;
}

function fromHint(hint: AccessHint | "owner" | undefined, roles: Set<string>): AccessPolicy {
  if (hint === "catalogue") {
    roles.add("admin");
    return { kind: "public-read", roles: ["admin"] };
  }
  return { kind: hint ?? "owner" };
}

/**
 * Children take their parent's access. Things people add to another's document (comments,
 * RSVPs) are readable wherever the parent is, and make an owner-only parent shared; private
 * submissions (applications, donations) stay with whoever made them.
 */
function inherit(
  drafts: readonly Draft[],
  access: Map<string, AccessPolicy>,
  assumptions: string[],
): void {
  const byDepth = [...drafts].sort((a, b) => depth(a, drafts) - depth(b, drafts));
  for (const d of byDepth) {
    if (!d.parent || !access.has(d.parent)) continue;
    const parent = access.get(d.parent)!;
    if (d.spec?.social === "private") access.set(d.name, { kind: "owner" });
    else if (d.spec?.social) {
      if (parent.kind === "owner") {
        access.set(d.parent, { kind: "shared" });
        assumptions.push(
          `${cap(plural(phraseOf(d.parent)))} are visible to signed-in users so they can add ${plural(phraseOf(d.name))}.`,
        );
      }
      access.set(d.name, {
        kind: access.get(d.parent)!.kind === "public-read" ? "public-read" : "shared",
      });
    } else if (!d.spec?.access && access.get(d.name)!.kind === "owner")
      access.set(d.name, { ...parent, roles: parent.roles && [...parent.roles] });
  }
}

const OPENNESS: Record<AccessPolicy["kind"], number> = {
  owner: 0,
  role: 1,
  shared: 1,
  "public-read": 2,
  public: 3,
};

/** "Public episode pages": a page's show must be readable too, or the page cannot be reached. */
function openParents(
  drafts: readonly Draft[],
  access: Map<string, AccessPolicy>,
  assumptions: string[],
): void {
  const deepestFirst = [...drafts].sort((a, b) => depth(b, drafts) - depth(a, drafts));
  for (const d of deepestFirst) {
    const mine = access.get(d.name)!;
    const parent = d.parent ? access.get(d.parent) : undefined;
    if (!parent || d.spec?.social === "private" || OPENNESS[parent.kind] >= OPENNESS[mine.kind])
      continue;
    access.set(d.parent!, { kind: mine.kind === "public-read" ? "public-read" : "shared" });
    assumptions.push(
      `${cap(plural(phraseOf(d.parent!)))} are as visible as their ${plural(phraseOf(d.name))}.`,
    );
  }
}

function depth(d: Draft, drafts: readonly Draft[]): number {
  let n = 0;
  for (let p = d.parent; p && n < 20; p = drafts.find((x) => x.name === p)?.parent) n++;
  return n;
}

function describe(
  drafts: readonly Draft[],
  access: Map<string, AccessPolicy>,
  assumptions: string[],
): void {
  const owner = drafts
    .filter((d) => access.get(d.name)!.kind === "owner")
    .map((d) => plural(phraseOf(d.name)));
  if (owner.length > 0)
    assumptions.push(`Each person sees only their own ${listing(owner)} (private by default).`);
  for (const d of drafts) {
    const a = access.get(d.name)!;
    const what = cap(plural(phraseOf(d.name)));
    if (a.kind === "shared")
      assumptions.push(
        `${what} are visible to every signed-in user; only their author changes them.`,
      );
    if (a.kind === "public-read")
      assumptions.push(
        `${what} can be read by anyone, signed in or not; ${a.roles ? `only ${a.roles.join(" or ")}s add or change them` : "only their author changes them"}.`,
      );
    if (a.kind === "role")
      assumptions.push(
        `${what} are readable by signed-in users; only ${a.roles!.join(" or ")}s change them.`,
      );
  }
}

function cap(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}
