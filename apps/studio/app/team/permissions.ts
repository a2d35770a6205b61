/** The roles from least to most powerful, as the API ranks them. */
export const ROLES = ["viewer", "member", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do, in a line: shown next to the role pickers. */
export const ROLE_HINTS: Record<Role, string> = {
  viewer: "sees everything, changes nothing",
  member: "starts, approves and rejects runs",
  admin: "also manages members, tokens and settings",
  owner: "also grants and takes away the owner role",
};

/** Whether someone acting as `actual` may do what needs `needed`. */
export function hasRole(actual: Role, needed: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(needed);
}

/** A control's state: usable, or disabled with the reason in words. */
export type Allowed = { ok: true } | { ok: false; why: string };

const OK: Allowed = { ok: true };

/** Why someone acting as `role` cannot change the team at all, or null when they can. */
export function whyNotAdmin(role: Role | null): string | null {
  if (role === null) return "Your role in the team could not be read, so changes are off.";
  if (hasRole(role, "admin")) return null;
  const who = role === "viewer" ? "Viewers" : "Members";
  return `${who} can see the team but not change it: an admin or owner can.`;
}

/**
 * What the caller may do to one member, by the API's rules: admins manage members, only an
 * owner touches an owner, and the team's last owner stays an owner.
 */
export function memberControls(
  callerRole: Role | null,
  member: { role: Role },
  ownerCount: number,
): { changeRole: Allowed; remove: Allowed } {
  const notAdmin = whyNotAdmin(callerRole);
  if (notAdmin)
    return { changeRole: { ok: false, why: notAdmin }, remove: { ok: false, why: notAdmin } };
  if (member.role !== "owner") return { changeRole: OK, remove: OK };
  if (callerRole !== "owner") {
    const why = "Only an owner may change an owner's role or remove them.";
    return { changeRole: { ok: false, why }, remove: { ok: false, why } };
  }
  if (ownerCount <= 1) {
    return {
      changeRole: {
        ok: false,
        why: "The team's only owner keeps the owner role: make another member owner first.",
      },
      remove: {
        ok: false,
        why: "The team's only owner cannot be removed: make another member owner first.",
      },
    };
  }
  return { changeRole: OK, remove: OK };
}

/** The roles the caller may hand out: an owner any, an admin up to admin. */
export function grantableRoles(callerRole: Role | null): readonly Role[] {
  if (callerRole === "owner") return ROLES;
  return ROLES.filter((role) => role !== "owner");
}
