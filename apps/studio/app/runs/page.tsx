import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { Link } from "../_components/link.js";
import { truncate } from "../../src/run-status.js";
import { Problem } from "../_components/problem.js";
import { StatusBadge } from "../_components/status-badge.js";
import { Time } from "../_components/time.js";
import { apiFor, settle } from "../_lib/api.js";
import { requireSession } from "../_lib/session.js";

export const metadata: Metadata = { title: "Runs" };

/** The team's runs, newest first. */
export default async function RunsPage() {
  const session = await requireSession();
  const result = await settle(apiFor(session).runs.list.query({ limit: 50 }));
  return (
    <>
      <h1>Runs</h1>
      {!result.ok ? (
        <Problem title="The runs could not be listed." problem={result.problem} />
      ) : result.value.items.length === 0 ? (
        <div className="card">
          <p>
            No runs yet — start one with <code>winky new</code> or the API.
          </p>
        </div>
      ) : (
        <table className="table">
          <caption className="muted small">
            The team&apos;s latest {result.value.items.length} runs, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">App</th>
              <th scope="col">Prompt</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {result.value.items.map((run) => (
              <tr key={run.id}>
                <td>
                  <code>{run.appSlug}</code>
                </td>
                <td>
                  <Link href={`/runs/${run.id}`} title={run.prompt}>
                    {truncate(run.prompt, 80)}
                  </Link>
                </td>
                <td>
                  <StatusBadge status={run.status} />
                </td>
                <td>
                  <Time iso={run.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
