"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import { TeamField } from "../_components/team-field.js";
import { describedBy, Field, WhyDisabled } from "../team/field.js";
import { firebaseReportAction } from "./actions.js";
import { FirebaseReportView } from "./report-view.js";
import {
  INITIAL_REPORT_STATE,
  MAX_FOLDER_BYTES,
  MAX_FOLDER_FILES,
  SKIPPED_FOLDERS,
  type ReportState,
} from "./report-state.js";

/** A folder chosen in the picker: what will be sent, and what was left out. */
interface ChosenFolder {
  name: string;
  files: Array<{ path: string; file: PickedFile }>;
  bytes: number;
  skipped: number;
}

/** A file from the folder picker: its path below the chosen folder's parent too. */
type PickedFile = File & { webkitRelativePath: string };

// The picker's folder mode: not in React's types, passed through to the element as is.
const FOLDER_PICKER = { webkitdirectory: "", directory: "" } as Record<string, string>;

// The DOM's `new FormData(form)`: the studio compiles with Node's types, which lack it.
const formDataOf = (form: unknown) =>
  new (FormData as unknown as new (form: unknown) => FormData)(form);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function chosenFolder(list: ArrayLike<PickedFile> | null): ChosenFolder | null {
  const all = Array.from(list ?? []);
  if (all.length === 0) return null;
  const name = all[0]!.webkitRelativePath.split("/")[0] || "firebase-project";
  const files: ChosenFolder["files"] = [];
  let skipped = 0;
  for (const file of all) {
    // "project/functions/src/index.ts" → "functions/src/index.ts"
    const segments = file.webkitRelativePath.split("/").slice(1);
    if (segments.length === 0) segments.push(file.name);
    if (segments.slice(0, -1).some((s) => SKIPPED_FOLDERS.has(s))) {
      skipped++;
      continue;
    }
    files.push({ path: segments.join("/"), file });
  }
  return { name, files, bytes: files.reduce((n, f) => n + f.file.size, 0), skipped };
}

/**
 * Choose a Firebase project folder; its files (without node_modules, .git and .firebase) go to
 * the orchestrator, which answers the compatibility report shown below the form.
 */
export function FirebaseFolderForm({ whyNot }: { whyNot: string | null }) {
  const [state, send, reading] = useActionState(firebaseReportAction, INITIAL_REPORT_STATE);
  const [folder, setFolder] = useState<ChosenFolder | null>(null);
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  // Each pick is numbered; an answer shows only while its folder is still the one chosen.
  const [picks, setPicks] = useState(0);
  const [sentPick, setSentPick] = useState(-1);
  const answer: ReportState = sentPick === picks ? state : INITIAL_REPORT_STATE;
  const tooBig =
    folder !== null && (folder.bytes > MAX_FOLDER_BYTES || folder.files.length > MAX_FOLDER_FILES);

  // The form's own fields (project id, team) plus the folder's files, path by path. Sent by
  // hand rather than as the form's action, so the form keeps the chosen folder for a resend.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!folder || folder.files.length === 0) {
      setLocalProblem("choose a Firebase project folder first (the one holding firebase.json)");
      return;
    }
    if (tooBig) return;
    setLocalProblem(null);
    setSentPick(picks);
    const data = formDataOf(event.currentTarget);
    data.set("folder", folder.name);
    for (const { path, file } of folder.files) {
      data.append("path", path);
      data.append("file", file);
    }
    startTransition(() => send(data));
  };

  const folderProblem =
    localProblem ??
    (tooBig
      ? `${folder.name} holds ${plural(folder.files.length, "file")}, ${size(folder.bytes)}; the studio reads up to ${MAX_FOLDER_FILES} files and ${size(MAX_FOLDER_BYTES)}: run winky import firebase ${folder.name} --report-only on your machine`
      : answer.field === "folder"
        ? answer.problem?.message
        : undefined);
  const projectProblem = answer.field === "project" ? answer.problem?.message : undefined;
  return (
    <div className="stack">
      <form className="card form" aria-labelledby="firebase-folder-heading" onSubmit={submit}>
        <TeamField />
        <h2 id="firebase-folder-heading" className="card-title">
          Your Firebase project
        </h2>
        <fieldset disabled={whyNot !== null} className="plain-fieldset">
          <Field
            id="firebase-folder"
            label="Project folder"
            hint={
              folder
                ? `${folder.name}: ${plural(folder.files.length, "file")}, ${size(folder.bytes)}` +
                  (folder.skipped > 0
                    ? ` (${folder.skipped} in node_modules, .git or .firebase left out)`
                    : "")
                : "The folder holding firebase.json. Nothing leaves the orchestrator, and nothing is kept."
            }
            problem={folderProblem}
          >
            <input
              id="firebase-folder"
              type="file"
              multiple
              {...FOLDER_PICKER}
              onChange={(e) => {
                setLocalProblem(null);
                setPicks((n) => n + 1);
                setFolder(
                  chosenFolder(
                    (e.currentTarget as unknown as { files: ArrayLike<PickedFile> | null }).files,
                  ),
                );
              }}
              {...describedBy("firebase-folder", folderProblem)}
            />
          </Field>
          <Field
            id="firebase-project"
            label="Winky project id (optional)"
            hint="Else the report uses .firebaserc's default project."
            problem={projectProblem}
          >
            <input
              id="firebase-project"
              name="project"
              autoComplete="off"
              pattern="[a-z][a-z0-9\-]{2,62}"
              {...describedBy("firebase-project", projectProblem)}
            />
          </Field>
          <div>
            <button type="submit" className="button" disabled={reading || tooBig}>
              {reading ? "Reading the project…" : "Read the report"}
            </button>
          </div>
        </fieldset>
        <WhyDisabled why={whyNot} />
        {answer.problem && answer.field === null ? (
          <p className="field-error" role="alert">
            {answer.problem.message} <span className="muted">({answer.problem.code})</span>
          </p>
        ) : null}
      </form>
      {answer.report ? <FirebaseReportView report={answer.report} /> : null}
    </div>
  );
}
