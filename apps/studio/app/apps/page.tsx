import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { Link } from "../_components/link.js";
import { Problem } from "../_components/problem.js";
import { apiFor, settle } from "../_lib/api.js";
import { requireSession } from "../_lib/session.js";
import { HealthBadge, RelativeTime } from "./app-display.js";
import "../styles/apps.css";

export const metadata: Metadata = { title: "Apps" };

/** The team's apps, newest first: health, where each is live and when it last went live. */
export default async function AppsPage() {
  const session = await requireSession();
  const result = await settle(apiFor(session).apps.list.query({ limit: 100 }));
  const now = Date.now();
  return (
    <>
      <h1>Apps</h1>
      {!result.ok ? (
        <Problem title="The apps could not be listed." problem={result.problem} />
      ) : result.value.items.length === 0 ? (
        <div className="card">
          <p>No apps yet.</p>
          <p className="muted">
            An app is made by its first run: describe it in a prompt with{" "}
            <code>winky new &quot;a notes app with tags&quot;</code> (or the API&apos;s{" "}
            <code>runs.create</code>), then approve its plan and its release. It shows here once the
            run has started, and its URL once it is deployed.
          </p>
        </div>
      ) : (
        <table className="table apps-table">
          <caption className="muted small">
            The team&apos;s {result.value.items.length} apps, newest first
            {result.value.nextCursor ? " (the first 100)" : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">App</th>
              <th scope="col">Health</th>
              <th scope="col">Live URL</th>
              <th scope="col">Last deploy</th>
            </tr>
          </thead>
          <tbody>
            {result.value.items.map((app) => (
              <tr key={app.id}>
                <td>
                  <Link href={`/apps/${app.id}`}>{app.name}</Link>
                  <br />
                  <code className="muted small">{app.slug}</code>
                </td>
                <td>
                  <HealthBadge health={app.health} />
                </td>
                <td>
                  {app.live ? (
                    <a href={app.live.url} target="_blank" rel="noopener noreferrer">
                      {app.live.url}
                      <span aria-hidden="true"> ↗</span>
                      <span className="visually-hidden"> (opens in a new tab)</span>
                    </a>
                  ) : (
                    <span className="muted">not deployed</span>
                  )}
                </td>
                <td>
                  {app.live ? (
                    <RelativeTime iso={app.live.deployedAt} now={now} />
                  ) : (
                    <span className="muted">never</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
