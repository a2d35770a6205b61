import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { Link } from "../../../../_components/link.js";
import { Problem } from "../../../../_components/problem.js";
import { Time } from "../../../../_components/time.js";
import { apiFor, settle } from "../../../../_lib/api.js";
import { requireSession } from "../../../../_lib/session.js";
import { ConfirmAction } from "../confirm-action.js";
import { replayEventsAction } from "./actions.js";
import { EVENT_KINDS, isEventKind } from "./kinds.js";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Event log · Runtime console" };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.trim() : "");

/** What changed, in one line: a document's data before → after, or what the event carries. */
function changeOf(event: { before?: object; after?: object; data?: object }): string {
  if (event.before || event.after) {
    const text = (v?: object) => (v ? JSON.stringify(v) : "∅");
    return `${text(event.before)} → ${text(event.after)}`;
  }
  return event.data ? JSON.stringify(event.data) : "";
}

/**
 * The project's event log in commit order (`?kind=&prefix=&after=`), and a replay of what the
 * filter selects through the triggers (admin+).
 */
export default async function EventsPage({ params, searchParams }: Props) {
  const { id } = await params;
  const query = await searchParams;
  const kind = one(query.kind);
  const prefix = one(query.prefix);
  const after = one(query.after);
  const filter = {
    ...(isEventKind(kind) ? { kinds: [kind] } : {}),
    ...(prefix ? { subjectPrefix: prefix } : {}),
  };
  const session = await requireSession();
  const page = await settle(
    apiFor(session).console.events.list.query({
      appId: id,
      ...filter,
      limit: 25,
      ...(after ? { pageToken: after } : {}),
    }),
  );
  const base = `/apps/${id}/console/events`;
  const next = (token: string) =>
    `${base}?${new URLSearchParams({ kind, prefix, after: token }).toString()}`;
  return (
    <section aria-labelledby="events-heading">
      <h2 id="events-heading">Event log</h2>
      <form method="get" action={base} className="console-filter">
        <div className="field">
          <label htmlFor="kind">Kind</label>
          <select id="kind" name="kind" defaultValue={kind}>
            <option value="">Every kind</option>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="prefix">Subject starts with</label>
          <input id="prefix" name="prefix" type="text" defaultValue={prefix} placeholder="notes/" />
        </div>
        <div>
          <button type="submit" className="button">
            Filter
          </button>
        </div>
      </form>
      {!page.ok ? (
        <Problem title="The event log could not be read." problem={page.problem} />
      ) : page.value.events.length === 0 ? (
        <p className="callout">{after ? "No more events." : "No events match yet."}</p>
      ) : (
        <>
          <table className="table console-table">
            <caption className="visually-hidden">Events, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Kind</th>
                <th scope="col">Subject</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {page.value.events.map((event) => (
                <tr key={event.id}>
                  <td className="small">
                    <Time iso={event.time} />
                  </td>
                  <td>
                    <code>{event.kind}</code>
                  </td>
                  <th scope="row" className="console-row-head">
                    <code>{event.subject}</code>
                  </th>
                  <td>
                    <code className="console-change">{changeOf(event)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.value.nextPageToken ? (
            <p>
              <Link href={next(page.value.nextPageToken)}>Next page</Link>
            </p>
          ) : null}
        </>
      )}
      <h3>Replay</h3>
      <p className="muted small">
        Delivers every event the filter selects (all pages) to the app&apos;s triggers again.
        Handlers that deduplicate on the event id see them as the same events.
      </p>
      <ConfirmAction
        label="Replay these events"
        question={`Run the triggers again for every event${kind ? ` of kind ${kind}` : ""}${prefix ? ` below ${prefix}` : ""}?`}
        confirm="Replay"
        action={replayEventsAction.bind(null, id, filter)}
      />
    </section>
  );
}
