import { Link } from "../../_components/link.js";
import {
  codeHref,
  loadArtifacts,
  loadFile,
  loadRounds,
  type CodeSelection,
  type RoundView,
} from "./artifacts.js";
import { CodeViewer } from "./code-viewer.js";
import { FileTree } from "./file-tree.js";
import { Section, SectionEmpty, SectionProblem } from "./section-states.js";
import { DiffView, SourceView } from "./source-view.js";

/**
 * The app's code, round by round: the files of a round as a tree, one file read-only (Monaco
 * once it loads, plain lines before and without JavaScript), and what a repair round changed.
 */
export async function CodeSection({ runId, asked }: { runId: string; asked: CodeSelection }) {
  const [artifacts, rounds] = await Promise.all([loadArtifacts(runId), loadRounds(runId)]);
  if (!artifacts.ok || !rounds.ok) {
    const problem = artifacts.ok ? (rounds.ok ? null : rounds.problem) : artifacts.problem;
    return (
      <Section id="code" title="Code">
        {problem ? <SectionProblem what="code" problem={problem} /> : null}
      </Section>
    );
  }
  const latest = rounds.value.at(-1);
  if (!latest) {
    return (
      <Section id="code" title="Code">
        <SectionEmpty>No code yet: the coder writes it once the plan is approved.</SectionEmpty>
      </Section>
    );
  }
  const round = rounds.value.find((r) => r.round === asked.round) ?? latest;
  const changes = new Map(round.changes.map((c) => [c.path, c.change]));
  const paths = new Set(round.files.map((f) => f.path));
  const file =
    asked.file && paths.has(asked.file)
      ? asked.file
      : (round.changes.find((c) => c.change !== "removed")?.path ?? round.files[0]?.path ?? null);
  const diff = asked.diff && round.previous !== null;
  const selection: CodeSelection = { file, round: round.round, diff };
  return (
    <Section id="code" title="Code">
      <RoundPicker rounds={rounds.value} selection={selection} latest={latest.round} />
      {asked.round !== null && asked.round !== round.round ? (
        <p className="muted small">
          There is no round {asked.round}; showing round {round.round}.
        </p>
      ) : null}
      {asked.file && asked.file !== file ? (
        <p className="muted small">
          Round {round.round} has no file <code>{asked.file}</code>.
        </p>
      ) : null}
      {round.previous !== null ? (
        <p className="small">
          Round {round.round} changed {round.changes.length} file
          {round.changes.length === 1 ? "" : "s"} since round {round.previous}.
        </p>
      ) : null}
      <div className="code-layout">
        <FileTree files={round.files} changes={changes} selection={selection} />
        <div className="code-pane">
          {file ? (
            <FileView runId={runId} round={round} rounds={rounds.value} file={file} diff={diff} />
          ) : (
            <SectionEmpty>This round has no files.</SectionEmpty>
          )}
        </div>
      </div>
    </Section>
  );
}

function RoundPicker({
  rounds,
  selection,
  latest,
}: {
  rounds: RoundView[];
  selection: CodeSelection;
  latest: number;
}) {
  return (
    <nav aria-label="Code rounds" className="round-picker">
      <ul>
        {rounds.map((r) => (
          <li key={r.round}>
            <Link
              href={codeHref({ ...selection, round: r.round })}
              scroll={false}
              aria-current={r.round === selection.round ? "page" : undefined}
            >
              Round {r.round}
              {r.round === latest ? " (latest)" : ""}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

async function FileView({
  runId,
  round,
  rounds,
  file,
  diff,
}: {
  runId: string;
  round: RoundView;
  rounds: RoundView[];
  file: string;
  diff: boolean;
}) {
  const previous = rounds.find((r) => r.round === round.previous);
  const inPrevious = previous?.files.some((f) => f.path === file) ?? false;
  const [current, before] = await Promise.all([
    loadFile(runId, file, round.round),
    diff && previous && inPrevious ? loadFile(runId, file, previous.round) : null,
  ]);
  if (!current.ok) return <SectionProblem what={`file ${file}`} problem={current.problem} />;
  if (before && !before.ok) {
    return (
      <SectionProblem what={`file ${file} in round ${previous?.round}`} problem={before.problem} />
    );
  }
  const selection: CodeSelection = { file, round: round.round, diff: false };
  const base = diff ? (before?.value.content ?? "") : null;
  return (
    <>
      <div className="code-toolbar">
        <h3 className="code-path">
          <code>{file}</code>
        </h3>
        <span className="muted small">{current.value.bytes} bytes</span>
        {previous ? (
          <nav aria-label="File views" className="view-switch">
            <Link
              href={codeHref(selection)}
              scroll={false}
              aria-current={diff ? undefined : "page"}
            >
              File
            </Link>
            <Link
              href={codeHref({ ...selection, diff: true })}
              scroll={false}
              aria-current={diff ? "page" : undefined}
            >
              Changes since round {previous.round}
            </Link>
          </nav>
        ) : null}
      </div>
      <CodeViewer
        path={file}
        content={current.value.content}
        base={base}
        label={
          base !== null
            ? `Changes to ${file} from round ${previous?.round} to round ${round.round}`
            : `Contents of ${file}, round ${round.round}`
        }
      >
        {base !== null && previous ? (
          <DiffView
            path={file}
            before={base}
            after={current.value.content}
            fromRound={previous.round}
            toRound={round.round}
          />
        ) : (
          <SourceView path={file} content={current.value.content} />
        )}
      </CodeViewer>
    </>
  );
}
