// `winky import firebase <dir>`'s reading step: firebase.json and the files it names, turned
// into a report. Bad input (no firebase.json, malformed JSON, missing files) becomes report
// items naming the file and line; only programming errors throw.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseFirebaseJson, type FirebaseJsonModel } from "./firebase-json.js";
import { hostingVerdicts } from "./hosting-verdicts.js";
import { JsoncSyntaxError } from "./jsonc.js";
import { preview } from "./json-node.js";
import { checkReferencedFile, referencedFiles, type FileReference } from "./referenced-files.js";
import { buildReport, makeItem, type Report, type ReportItem } from "./report.js";
import { sectionVerdicts } from "./section-verdicts.js";

export interface ReadProjectOptions {
  /** The winky project id to import into; defaults to the old layout's `firebase` key. */
  project?: string;
  /**
   * How the report names the folder, in its messages and commands (default: `dir` as given):
   * the sender's name for a copy read elsewhere.
   */
  shownAs?: string;
}

export interface ProjectReading {
  report: Report;
  /** null when firebase.json is missing or malformed. */
  model: FirebaseJsonModel | null;
}

const FIREBASE_JSON = "firebase.json";

export async function readFirebaseProject(
  dir: string,
  options: ReadProjectOptions = {},
): Promise<ProjectReading> {
  const shown = options.shownAs ?? dir;
  const failed = (item: ReportItem): ProjectReading => ({
    report: buildReport(shown, [item], [], options.project),
    model: null,
  });
  const at = { file: FIREBASE_JSON, line: 1 };
  let text: string;
  try {
    if (!(await stat(dir)).isDirectory()) {
      return failed(
        makeItem(
          "project",
          FIREBASE_JSON,
          at,
          "not-understood",
          `${shown} is not a folder: give the Firebase project's folder`,
        ),
      );
    }
    text = await readFile(path.join(dir, FIREBASE_JSON), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? `no ${FIREBASE_JSON} in ${shown}: give the folder where \`firebase init\` wrote it`
        : `cannot read ${path.join(shown, FIREBASE_JSON)}: ${(e as Error).message}`;
    return failed(makeItem("project", FIREBASE_JSON, at, "not-understood", reason));
  }
  let model: FirebaseJsonModel;
  try {
    model = parseFirebaseJson(text, FIREBASE_JSON);
  } catch (e) {
    if (!(e instanceof JsoncSyntaxError)) throw e;
    return failed(
      makeItem(
        "project",
        FIREBASE_JSON,
        { file: e.file, line: e.position.line, column: e.position.column },
        "not-understood",
        `malformed JSON: ${e.message}`,
      ),
    );
  }
  const items = projectItems(model);
  for (const section of model.sections) {
    items.push(
      ...(section.name === "hosting"
        ? hostingVerdicts(section, FIREBASE_JSON)
        : sectionVerdicts(section, FIREBASE_JSON)),
    );
  }
  const refs = referencedFiles(model.sections, FIREBASE_JSON);
  for (const ref of refs) items.push(...(await checkReferencedFile(dir, ref)));
  const legacy = model.legacyProject?.value;
  const project = options.project ?? (legacy?.kind === "string" ? legacy.value : undefined);
  const next = nextCommands(shown, project, refs);
  return { report: buildReport(shown, items, next, project), model };
}

/** Items for the file as a whole: its shape, duplicates, `$schema`, old and unknown keys. */
function projectItems(model: FirebaseJsonModel): ReportItem[] {
  const file = model.file;
  const items: ReportItem[] = [];
  if (model.notAnObject) {
    const { position, found } = model.notAnObject;
    items.push(
      makeItem(
        "project",
        FIREBASE_JSON,
        { file, line: position.line, column: position.column },
        "not-understood",
        `expected an object at the top of ${file} but found ${found}`,
      ),
    );
  }
  for (const d of model.duplicates) {
    const key = d.parentPath === "" ? d.key : `${d.parentPath}.${d.key}`;
    items.push(
      makeItem(
        "project",
        key,
        { file, line: d.repeated.line, column: d.repeated.column },
        "needs-change",
        `"${d.key}" is given twice (at ${d.first.line}:${d.first.column} and ${d.repeated.line}:${d.repeated.column}); firebase-tools keeps the last one and so does the importer: delete the other`,
      ),
    );
  }
  if (model.schemaHint)
    items.push(
      makeItem(
        "project",
        "$schema",
        { file, line: model.schemaHint.keyPosition.line },
        "maps",
        "an editor hint: nothing to import",
      ),
    );
  const legacy = model.legacyProject;
  if (legacy) {
    items.push(
      legacy.value.kind === "string"
        ? makeItem(
            "project",
            legacy.key,
            { file, line: legacy.keyPosition.line },
            "maps",
            `the old layout's project name ${legacy.value.value}: the default --project`,
          )
        : makeItem(
            "project",
            legacy.key,
            { file, line: legacy.keyPosition.line },
            "needs-change",
            `the old layout's project name is ${preview(legacy.value)}: pass --project`,
          ),
    );
  }
  for (const member of model.unknownKeys) {
    items.push(
      makeItem(
        "project",
        member.key,
        { file, line: member.keyPosition.line },
        "not-understood",
        `"${member.key}" = ${preview(member.value)} is not a firebase.json section (firebase-tools ignores it too): left out`,
      ),
    );
  }
  return items;
}

/** The commands to run next, from what the project has. */
function nextCommands(
  dir: string,
  project: string | undefined,
  refs: readonly FileReference[],
): string[] {
  const p = project ?? "<project>";
  const quote = (file: string) =>
    /^[\w./-]+$/.test(file) ? file : `'${file.replace(/'/g, "'\\''")}'`;
  const rel = (file: string) => quote(path.join(dir, file));
  const rules = refs.filter((r) => r.kind !== "firestore-indexes").map((r) => rel(r.file));
  const firestoreRules = refs.find((r) => r.kind === "firestore-rules");
  const indexes = refs.find((r) => r.kind === "firestore-indexes");
  const commands: string[] = [];
  if (rules.length > 0) commands.push(`winky rules check ${[...new Set(rules)].join(" ")}`);
  commands.push(
    [
      `winky emulators:start --project ${p}`,
      firestoreRules ? `--rules ${rel(firestoreRules.file)}` : "",
      indexes ? `--indexes ${rel(indexes.file)}` : "",
    ]
      .filter(Boolean)
      .join(" "),
  );
  commands.push(
    `winky import firebase ${quote(dir)} --project ${p} --json > firebase-import-report.json`,
  );
  return commands;
}
