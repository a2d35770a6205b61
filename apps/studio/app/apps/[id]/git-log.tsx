import { Link } from "../../_components/link.js";
import { RelativeTime, type Commit } from "../app-display.js";

/**
 * The app's Git log, newest first: short sha (the full one as its tooltip), subject, author,
 * when, and the run that made the commit (from its `winky/run/<id>` tag).
 */
export function GitLog({ commits, now }: { commits: readonly Commit[]; now: number }) {
  if (commits.length === 0) {
    return (
      <p className="card muted">
        No commits yet: the app&apos;s repository is made when its first approved run commits.
      </p>
    );
  }
  return (
    <table className="table git-log">
      <caption className="muted small">
        The latest {commits.length} commits of the app&apos;s repository, newest first
      </caption>
      <thead>
        <tr>
          <th scope="col">Commit</th>
          <th scope="col">Subject</th>
          <th scope="col">Author</th>
          <th scope="col">When</th>
          <th scope="col">Run</th>
        </tr>
      </thead>
      <tbody>
        {commits.map((commit) => (
          <tr key={commit.sha}>
            <td>
              <code title={commit.sha}>{commit.sha.slice(0, 7)}</code>
            </td>
            <td className="git-subject">{commit.subject}</td>
            <td>{commit.author}</td>
            <td>
              <RelativeTime iso={commit.authoredAt} now={now} />
            </td>
            <td>
              {commit.runIds.length > 0 ? (
                commit.runIds.map((runId) => (
                  <Link key={runId} href={`/runs/${runId}`} className="git-run">
                    <code>{runId.slice(0, 8)}</code>
                  </Link>
                ))
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
