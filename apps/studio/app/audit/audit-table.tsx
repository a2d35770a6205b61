import type { WinkyClient } from "@winky/api-client";
import { Link } from "../_components/link.js";
import { Time } from "../_components/time.js";
import { queryOf, type AuditFilters } from "./audit-query.js";

type AuditEntry = Awaited<ReturnType<WinkyClient["audit"]["list"]["query"]>>["items"][number];

const TONE_OF_VERB: Record<string, string> = {
  created: "badge-success",
  added: "badge-success",
  approved: "badge-success",
  rejected: "badge-danger",
  removed: "badge-danger",
  revoked: "badge-danger",
  cancelled: "badge-danger",
  rolled_back: "badge-waiting",
};

/** A page of entries: each action, who did it, to what, and what it changed. */
export function AuditTable({ entries, filters }: { entries: AuditEntry[]; filters: AuditFilters }) {
  const filtered = (change: Partial<AuditFilters>) => `/audit${queryOf({ ...filters, ...change })}`;
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="muted small">
          {entries.length} entr{entries.length === 1 ? "y" : "ies"}, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Action</th>
            <th scope="col">Actor</th>
            <th scope="col">Target</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className="small">
                <Time iso={entry.createdAt} />
                {entry.ip ? <div className="muted">from {entry.ip}</div> : null}
              </td>
              <td>
                <Link
                  href={filtered({ action: entry.action })}
                  className={`badge ${TONE_OF_VERB[entry.action.split(".").at(-1) ?? ""] ?? "badge-neutral"}`}
                  title={`Only ${entry.action} entries`}
                >
                  {entry.action}
                </Link>
              </td>
              <td>
                <Link
                  href={filtered({ actor: entry.actor.label })}
                  title="Only this actor's entries"
                >
                  {entry.actor.label}
                </Link>
                <div className="muted small">
                  {entry.actor.kind === "token"
                    ? entry.actor.onBehalfOf
                      ? `API token of ${entry.actor.onBehalfOf}`
                      : "team API token"
                    : entry.actor.kind}
                </div>
              </td>
              <td>
                <Target entry={entry} href={filtered} />
              </td>
              <td>
                <EntryData data={entry.data} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Target({
  entry,
  href,
}: {
  entry: AuditEntry;
  href: (change: Partial<AuditFilters>) => string;
}) {
  if (!entry.targetType || !entry.targetId) return <span className="muted">—</span>;
  const short = entry.targetId.slice(0, 8);
  return (
    <>
      <span className="small muted">{entry.targetType.replace("_", " ")}</span>{" "}
      {entry.targetType === "run" ? (
        <Link href={`/runs/${entry.targetId}`} title="Open the run">
          <code>{short}</code>
        </Link>
      ) : (
        <code title={entry.targetId}>{short}</code>
      )}
      <div className="small">
        <Link href={href({ targetType: entry.targetType, targetId: entry.targetId })}>
          Its history
        </Link>
      </div>
    </>
  );
}

/** What the entry recorded; the API never puts secrets here (webhook URLs come masked). */
function EntryData({ data }: { data: Record<string, unknown> }) {
  const keys = Object.keys(data);
  if (keys.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="entry-data">
      {keys.map((key) => (
        <div key={key} className="contents">
          <dt>{key}</dt>
          <dd>{typeof data[key] === "string" ? data[key] : JSON.stringify(data[key])}</dd>
        </div>
      ))}
    </dl>
  );
}
