import { diffLines, hunksOf, splitLines } from "../../../src/line-diff.js";

/**
 * The plain views of a file, rendered on the server: what people without JavaScript see, and
 * what everyone sees until Monaco has loaded. Line numbers are in their own cells, hidden
 * from copying and from screen readers' reading of the text.
 */
export function SourceView({ path, content }: { path: string; content: string }) {
  const lines = splitLines(content);
  return (
    <div className="source" tabIndex={0} role="region" aria-label={`Contents of ${path}`}>
      <table className="source-lines">
        <tbody>
          {lines.map((line, i) => (
            <tr key={i}>
              <td className="line-number" aria-hidden="true" data-line={i + 1} />
              <td className="line-text">
                <code>{line || " "}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {lines.length === 0 ? <p className="muted small">The file is empty.</p> : null}
    </div>
  );
}

/** A unified diff of the file between two rounds, in hunks with three lines of context. */
export function DiffView({
  path,
  before,
  after,
  fromRound,
  toRound,
}: {
  path: string;
  before: string;
  after: string;
  fromRound: number;
  toRound: number;
}) {
  const diff = diffLines(before, after);
  const hunks = hunksOf(diff);
  const label = `Changes to ${path} from round ${fromRound} to round ${toRound}`;
  return (
    <div className="source diff" tabIndex={0} role="region" aria-label={label}>
      <p className="diff-stats small">
        <span className="diff-added-count">+{diff.added}</span>{" "}
        <span className="diff-removed-count">−{diff.removed}</span>
        {diff.minimal ? "" : " (too many changes for a line-by-line match: shown as replaced)"}
      </p>
      {hunks.length === 0 ? (
        <p className="muted small">No changes to this file between these rounds.</p>
      ) : (
        <table className="source-lines">
          {hunks.map((hunk) => (
            <tbody key={`${hunk.oldStart}-${hunk.newStart}`}>
              <tr className="hunk-header">
                <td colSpan={3}>
                  <code>
                    @@ −{hunk.oldStart},{hunk.oldCount} +{hunk.newStart},{hunk.newCount} @@
                  </code>
                </td>
              </tr>
              {hunk.lines.map((line, i) => (
                <tr key={i} className={`diff-${line.kind}`}>
                  <td className="line-number" aria-hidden="true" data-line={line.oldNumber ?? ""} />
                  <td className="line-number" aria-hidden="true" data-line={line.newNumber ?? ""} />
                  <td className="line-text">
                    <span className="visually-hidden">
                      {line.kind === "added"
                        ? "added: "
                        : line.kind === "removed"
                          ? "removed: "
                          : ""}
                    </span>
                    <span className="diff-sign" aria-hidden="true">
                      {line.kind === "added" ? "+" : line.kind === "removed" ? "−" : " "}
                    </span>
                    <code>{line.text || " "}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      )}
    </div>
  );
}
