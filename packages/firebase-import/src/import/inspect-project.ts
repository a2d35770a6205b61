// Everything `winky import firebase` reads, in one pass and before anything is written:
// firebase.json and the files it names, the functions source, the Firestore data, the auth
// users and the storage files. The result is the whole report plus what the import would write,
// and the blockers: problems that would leave the project half-imported if writing began.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { readAuthUsers, type AuthUsers } from "../auth/auth-users.js";
import { readFirestoreData, type FirestoreData } from "../data/index.js";
import { analyzeFunctions, type FunctionsAnalysis } from "../functions/index.js";
import { readFirebaseProject } from "../read-project.js";
import { referencedFiles } from "../referenced-files.js";
import { buildReport, makeItem, type Report, type ReportItem } from "../report.js";
import { readStorageFiles, type StorageFiles } from "../storage/storage-files.js";
import { readHostingSite, type HostingSite } from "../hosting/hosting-site.js";
import {
  readWinkyFunctions,
  type WinkyFunctions,
} from "../functions-winky/read-winky-functions.js";
import { readDeployables, type Deployables } from "./deployables.js";
import { prepareFunctionDeploys, type FunctionDeploy } from "./function-deploys.js";

export interface InspectOptions {
  /** The Winky project to create; else the old layout's name, else `.firebaserc`'s default. */
  project?: string;
  /** Firestore data: a file or folder relative to the project folder (default firestore-data). */
  data?: string;
  /** The auth:export file (default auth-users.json). */
  users?: string;
  /** The storage files folder (default storage-files). */
  storage?: string;
  /** How the report names the folder (default: `dir`): see `ReadProjectOptions.shownAs`. */
  shownAs?: string;
  /**
   * false: the functions are analysed but not bundled, so no deploy is prepared — for a
   * report of a folder read without its installed packages (every third-party import would
   * otherwise stop a function). The import itself always bundles.
   */
  bundle?: boolean;
}

export interface ImportSource {
  dir: string;
  project: string | undefined;
  report: Report;
  /** Items that stop the import: it writes nothing while any is left. */
  blockers: ReportItem[];
  deployables: Deployables;
  functions: FunctionsAnalysis | null;
  data: FirestoreData | null;
  auth: AuthUsers | null;
  storage: StorageFiles | null;
  site: HostingSite | null;
  /** functions-winky/: functions a Winky export wrote, deployed last as they are. */
  winkyFunctions: WinkyFunctions | null;
  /** The Firebase functions with a runtime trigger, bundled with the compatibility layer. */
  functionDeploys: FunctionDeploy[];
}

export async function inspectFirebaseProject(
  dir: string,
  options: InspectOptions = {},
): Promise<ImportSource> {
  const rc = await firebasercProject(dir);
  const project = options.project ?? rc.project;
  const reading = await readFirebaseProject(dir, {
    ...(project === undefined ? {} : { project }),
    ...(options.shownAs === undefined ? {} : { shownAs: options.shownAs }),
  });
  const items = [...reading.report.items, ...rc.items];
  const blockers: ReportItem[] = [];
  const empty = {
    dir,
    project: reading.report.project,
    blockers,
    functions: null,
    data: null,
    auth: null,
    storage: null,
    site: null,
    winkyFunctions: null,
    functionDeploys: [] as FunctionDeploy[],
  };
  if (!reading.model) {
    blockers.push(...items);
    return { ...empty, report: reading.report, deployables: { rules: {}, indexes: null } };
  }
  const sections = reading.model.sections;
  const deployables = await readDeployables(dir, referencedFiles(sections, reading.model.file));
  blockers.push(...deployables.blockers);
  const functions = await analyzeFunctions(
    dir,
    sections.find((s) => s.name === "functions"),
    reading.model.file,
  );
  // The analyzer does not know the target project; its details name it as <project>.
  const named = reading.report.project;
  items.push(
    ...functions.items.map((i) =>
      named ? { ...i, detail: i.detail.replaceAll("<project>", named) } : i,
    ),
  );
  blockers.push(...functions.unreadable);
  // Bundled now, so a function that cannot be deployed stops the import before any write.
  const prepared =
    functions.unreadable.length === 0
      ? await prepareFunctionDeploys(dir, functions, { bundle: options.bundle !== false })
      : { deploys: [], blockers: [] };
  items.push(...prepared.blockers);
  blockers.push(...prepared.blockers);
  const hosting = await readHostingSite(
    dir,
    sections.find((s) => s.name === "hosting"),
    reading.model.file,
  );
  items.push(...hosting.items);
  blockers.push(...hosting.blockers);
  const data = await readFirestoreData(dir, options.data);
  const auth = await readAuthUsers(dir, options.users);
  const storage = await readStorageFiles(dir, options.storage);
  const winkyFunctions = await readWinkyFunctions(dir);
  for (const part of [data, auth, storage, winkyFunctions]) {
    if (!part) continue;
    items.push(...part.items);
    if (!part.complete) blockers.push(...part.items.filter((i) => i.verdict !== "maps"));
  }
  if (options.storage !== undefined && !storage) blockers.push(missing("storage", options.storage));
  const secrets = [...new Set(functions.secrets.map((x) => x.name))].map(
    (name) =>
      `winky secrets set ${name} --scope ${named ?? "<project>"} < ${name.toLowerCase()}.txt`,
  );
  const next = [...reading.report.nextCommands, ...secrets];
  const report = buildReport(options.shownAs ?? dir, items, next, reading.report.project);
  const site = hosting.site;
  const functionDeploys = prepared.deploys;
  return {
    ...empty,
    report,
    deployables,
    functions,
    data,
    auth,
    storage,
    site,
    winkyFunctions,
    functionDeploys,
  };
}

function missing(area: string, location: string): ReportItem {
  return makeItem(
    area,
    location,
    { file: location, line: 1 },
    "not-understood",
    `${location} does not exist`,
  );
}

/** `.firebaserc`'s `projects.default`: the project `firebase use` would pick. */
async function firebasercProject(dir: string): Promise<{ project?: string; items: ReportItem[] }> {
  const text = await readFile(path.join(dir, ".firebaserc"), "utf8").catch(() => null);
  if (text === null) return { items: [] };
  try {
    const rc = JSON.parse(text) as { projects?: { default?: unknown } };
    const project = rc.projects?.default;
    return typeof project === "string" ? { project, items: [] } : { items: [] };
  } catch (e) {
    // Not a blocker: --project names the project just as well.
    const at = { file: ".firebaserc", line: 1 };
    const detail = `not JSON (${(e as Error).message}): ignored; pass --project`;
    return { items: [makeItem("project", ".firebaserc", at, "not-understood", detail)] };
  }
}
