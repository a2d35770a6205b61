import { apiFor } from "../_lib/api.js";
import { readSession } from "../_lib/session.js";
import "../styles/approvals.css";

/**
 * How many approvals the signed-in person's team has pending, for the Approvals nav item.
 * Nothing when signed out, when none waits, or when the API cannot say: a badge is a hint,
 * and a wrong or broken one is worse than none. Screen readers hear "3 waiting".
 */
export async function ApprovalsBadge() {
  const session = await readSession();
  if (!session) return null;
  let pending: number;
  try {
    ({ pending } = await apiFor(session).approvals.count.query());
  } catch {
    return null;
  }
  if (pending <= 0) return null;
  return (
    <span className="badge badge-waiting nav-badge" data-testid="approvals-badge">
      <span aria-hidden="true">{pending}</span>
      <span className="visually-hidden">{pending} waiting</span>
    </span>
  );
}
