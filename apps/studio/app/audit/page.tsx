import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { redirect } from "next/navigation";
import { Link } from "../_components/link.js";
import { Problem } from "../_components/problem.js";
import { apiFor } from "../_lib/api.js";
import { requireSession } from "../_lib/session.js";
import "../styles/team.css";
import "../styles/records.css";
import { refusalOf } from "../team/api-refusal.js";
import {
  apiInputOf,
  dateProblems,
  FILTER_NAMES,
  filtersOf,
  isFiltered,
  queryOf,
} from "./audit-query.js";
import { AuditFiltersForm } from "./audit-filters-form.js";
import { AuditTable } from "./audit-table.js";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Who did what in the team, newest first, filtered by what the URL says; admins and owners. */
export default async function AuditPage({ searchParams }: Props) {
  const params = await searchParams;
  const { filters, cursor } = filtersOf(params);
  // The filter form sends every field, set or not: the URL is trimmed to the ones set.
  if (Object.entries(params).some(([, value]) => value === "")) {
    redirect(`/audit${queryOf(filters, cursor)}`);
  }
  const session = await requireSession();
  const invalidDates = dateProblems(filters);
  let page: Awaited<ReturnType<ReturnType<typeof apiFor>["audit"]["list"]["query"]>> | null = null;
  let refusal = null;
  if (Object.keys(invalidDates).length === 0) {
    try {
      page = await apiFor(session).audit.list.query(apiInputOf(filters, cursor, PAGE_SIZE));
    } catch (e) {
      refusal = refusalOf(e, FILTER_NAMES);
    }
  }
  const problems = { ...invalidDates, ...refusal?.fields };
  const forbidden =
    refusal?.problem?.code === "FORBIDDEN" || refusal?.problem?.code === "UNAUTHORIZED";
  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">
        Every change to the team, its members, tokens, runs and apps: who made it, when and from
        where. Times are UTC.
      </p>
      {forbidden && refusal?.problem ? (
        <Problem title="The audit log could not be shown." problem={refusal.problem} />
      ) : (
        <>
          <AuditFiltersForm filters={filters} problems={problems} />
          {refusal?.problem ? (
            <div className="spaced">
              <Problem title="The audit log could not be shown." problem={refusal.problem} />
            </div>
          ) : null}
          {page === null ? null : page.items.length === 0 ? (
            <div className="card spaced">
              <p>
                {isFiltered(filters) || cursor
                  ? "No entries match these filters."
                  : "Nothing has been recorded yet."}
                {isFiltered(filters) ? (
                  <>
                    {" "}
                    <Link href="/audit">Show every entry</Link>
                  </>
                ) : null}
              </p>
            </div>
          ) : (
            <div className="spaced">
              <AuditTable entries={page.items} filters={filters} />
            </div>
          )}
          <nav className="pager" aria-label="Pages of the audit log">
            {cursor ? <Link href={`/audit${queryOf(filters)}`}>← Newest</Link> : <span />}
            {page?.nextCursor ? (
              <Link href={`/audit${queryOf(filters, page.nextCursor)}`} rel="next">
                Older →
              </Link>
            ) : null}
          </nav>
        </>
      )}
    </>
  );
}
