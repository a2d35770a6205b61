"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import { TeamField } from "../_components/team-field.js";
import { describedBy, Field, WhyDisabled } from "../team/field.js";
import { firebaseReportAction } from "./actions.js";
import { FirebaseReportView } from "./report-view.js";
import { INITIAL_REPORT_STATE, MAX_FOLDER_BYTES, SKIPPED_FOLDERS } from "./report-state.js";

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
  const tooBig = folder !== null && folder.bytes > MAX_FOLDER_BYTES;

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
      ? `${folder.name} holds ${size(folder.bytes)}; the studio reads up to ${size(MAX_FOLDER_BYTES)}: run winky import firebase ${folder.name} --report-only on your machine`
      : state.field === "folder"
        ? state.problem?.message
        : undefined);
  const projectProblem = state.field === "project" ? state.problem?.message : undefined;
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
        {state.problem && state.field === null ? (
          <p className="field-error" role="alert">
            {state.problem.message} <span className="muted">({state.problem.code})</span>
          </p>
        ) : null}
      </form>
      {state.report ? <FirebaseReportView report={state.report} /> : null}
    </div>
  );
}
