import type { MembershipRole } from "@winky/db";

/** A member's role in a team: `owner` > `admin` > `member` > `viewer`. */
export type Role = MembershipRole;

/** The roles from least to most powerful; a role may do everything the ones before it may. */
export const ROLES_ASCENDING = ["viewer", "member", "admin", "owner"] as const satisfies Role[];

/** Where `role` stands in {@link ROLES_ASCENDING} (viewer 0 … owner 3). */
export function roleRank(role: Role): number {
  return ROLES_ASCENDING.indexOf(role);
}

/** Whether someone acting as `actual` may do what needs `needed`. */
export function hasRole(actual: Role, needed: Role): boolean {
  return roleRank(actual) >= roleRank(needed);
}

/**
 * The weaker of two roles: a personal token acts with the lesser of its own role and its
 * owner's current one, so demoting a person demotes their tokens at once.
 */
export function lesserRole(a: Role, b: Role): Role {
  return roleRank(a) <= roleRank(b) ? a : b;
}
