import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { ApprovalsBadge } from "../_components/approvals-badge.js";
import { Link } from "../_components/link.js";
import { Problem } from "../_components/problem.js";
import { apiFor, settle } from "../_lib/api.js";
import { requireSession } from "../_lib/session.js";
import { ApprovalCard } from "./approval-card.js";
import { FILTERS, ORDERS, feedHref, feedQueryOf, type QueueFilter } from "./approval-types.js";
import "../styles/approvals.css";

export const metadata: Metadata = { title: "Approvals" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const EMPTY: Record<QueueFilter, string> = {
  team: "Nothing waits for a decision. New plans and releases to approve show up here.",
  mine: "None of the runs you started waits for a decision.",
  mentions: "No approval's thread mentions you.",
};

/** The team's pending approvals as a feed: filter (team, mine, mentions) and order in the URL. */
/** How many approvals the feed shows: the API answers at most this many per call. */
const QUEUE_PAGE = 100;

export default async function ApprovalsPage({ searchParams }: Props) {
  const { filter, order } = feedQueryOf(await searchParams);
  const session = await requireSession();
  const result = await settle(
    apiFor(session).approvals.queue.query({ filter, order, limit: QUEUE_PAGE }),
  );
  const now = new Date();
  return (
    <>
      <h1>
        Approvals <ApprovalsBadge />
      </h1>
      <div className="feed-controls">
        <nav aria-label="Whose approvals">
          <ul className="segmented">
            {FILTERS.map((f) => (
              <li key={f.value}>
                <Link
                  href={feedHref(f.value, order)}
                  aria-current={f.value === filter ? "page" : undefined}
                >
                  {f.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <nav aria-label="Order">
          <ul className="segmented">
            {ORDERS.map((o) => (
              <li key={o.value}>
                <Link
                  href={feedHref(filter, o.value)}
                  aria-current={o.value === order ? "page" : undefined}
                >
                  {o.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      {!result.ok ? (
        <Problem title="The approvals could not be listed." problem={result.problem} />
      ) : result.value.length === 0 ? (
        <div className="card">
          <p>{EMPTY[filter]}</p>
        </div>
      ) : (
        <section aria-label="Pending approvals" className="approval-feed">
          <p className="muted small">
            {result.value.length >= QUEUE_PAGE
              ? `The first ${QUEUE_PAGE} shown (the badge counts them all)`
              : `${result.value.length} waiting`}
            , {order === "oldest" ? "longest first" : "newest first"}
          </p>
          {result.value.map((approval) => (
            <ApprovalCard key={approval.approvalId} approval={approval} now={now} />
          ))}
        </section>
      )}
    </>
  );
}
