// The report's auth lines: one per sign-in provider in use, one per kind of thing Winky does not
// keep, and one per problem that stops the import.
import { makeItem, type ReportItem } from "../report.js";
import { mapProvider } from "./auth-providers.js";
import type { UserFindings } from "./read-user.js";

export function userItems(file: string, imported: number, findings: UserFindings): ReportItem[] {
  const at = { file, line: 1 };
  const items: ReportItem[] = [
    makeItem(
      "auth",
      "users",
      at,
      "maps",
      `${imported} users keep their uid, email, verification, disabled flag, custom claims and dates`,
    ),
  ];
  for (const [providerId, users] of [...findings.providers].sort()) {
    const mapping = mapProvider(providerId);
    items.push(
      makeItem(
        "auth",
        `provider ${providerId}`,
        at,
        mapping.verdict,
        `${users} users: ${mapping.detail}`,
        mapping.alternative,
      ),
    );
  }
  if (findings.profiles > 0) {
    items.push(
      makeItem(
        "auth",
        "displayName, photoUrl",
        at,
        "needs-change",
        `${findings.profiles} users have a display name or photo; Winky accounts hold neither: keep them in a users/{uid} document`,
      ),
    );
  }
  if (findings.mfa > 0) {
    items.push(
      makeItem(
        "auth",
        "mfaInfo",
        at,
        "unsupported",
        `${findings.mfa} users enrolled a second factor; they sign in with the first factor alone`,
        "none yet: multi-factor sign-in is not in Winky",
      ),
    );
  }
  if (findings.tenants > 0) {
    items.push(
      makeItem(
        "auth",
        "tenantId",
        at,
        "unsupported",
        `${findings.tenants} users belong to Identity Platform tenants`,
        "one Winky project per tenant",
      ),
    );
  }
  for (const problem of findings.problems) {
    items.push(
      makeItem(
        "auth",
        "user",
        problem.at,
        "needs-change",
        `${problem.reason} (nothing is imported until it is fixed)`,
      ),
    );
  }
  return items;
}
