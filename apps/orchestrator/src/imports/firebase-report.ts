import {
  formatSource,
  inspectFirebaseProject,
  renderMarkdown,
  type ReportItem,
  type Verdict,
} from "@winky/firebase-import";
import { writeUploadedFolder, type UploadedFile } from "./uploaded-folder.js";

/** The compatibility report of an uploaded Firebase project folder, as the studio shows it. */
export interface FirebaseReportView {
  /** The folder's name on the sender's machine: paths and commands are relative to it. */
  folder: string;
  project: string | null;
  /** 0–100: the share of the project that carries over. */
  score: number;
  counts: Record<Verdict, number>;
  items: ReportItem[];
  /** What would stop `winky import firebase` before it writes anything. */
  blockers: Array<{ area: string; name: string; where: string; detail: string }>;
  /** What the import would bring over. */
  found: {
    documents: number;
    users: number;
    storageFiles: number;
    siteFiles: number;
    functions: number;
  };
  nextCommands: string[];
  /** The same report as `winky import firebase <folder> --report-only` prints it. */
  markdown: string;
}

/**
 * Reads an uploaded Firebase project folder exactly as `winky import firebase --report-only`
 * reads one on disk (firebase.json, rules, indexes, functions source, data, users, storage
 * files, the site), in a private temporary folder removed afterwards. Nothing is imported.
 * One report at a time per process: reading bundles the functions, which is CPU-bound.
 */
export async function reportOfUploadedFolder(
  folder: string,
  files: readonly UploadedFile[],
  project?: string,
): Promise<FirebaseReportView> {
  const run = queue.then(() => inspect(commandSafe(folder), files, project));
  queue = run.catch(() => undefined);
  return run;
}

let queue: Promise<unknown> = Promise.resolve();

/** The folder's name as the report's commands can use it unquoted (`My Project` → `My-Project`). */
export function commandSafe(folder: string): string {
  const safe = folder.replace(/[^\w.@+-]+/g, "-").replace(/^[-.]+/, "");
  return safe === "" ? "firebase-project" : safe;
}

async function inspect(
  folder: string,
  files: readonly UploadedFile[],
  project: string | undefined,
): Promise<FirebaseReportView> {
  const upload = await writeUploadedFolder(files);
  try {
    const source = await inspectFirebaseProject(
      upload.dir,
      project === undefined ? {} : { project },
    );
    const report = source.report;
    const view: FirebaseReportView = {
      folder,
      project: report.project ?? null,
      score: report.score,
      counts: report.counts,
      items: report.items,
      blockers: source.blockers.map((b) => ({
        area: b.area,
        name: b.name,
        where: formatSource(b.source),
        detail: b.detail,
      })),
      found: {
        documents: source.data?.documents.length ?? 0,
        users: source.auth?.users.length ?? 0,
        storageFiles: source.storage?.files.length ?? 0,
        siteFiles: source.site?.files.size ?? 0,
        functions: source.functionDeploys.length + (source.winkyFunctions?.functions.length ?? 0),
      },
      nextCommands: report.nextCommands,
      markdown: renderMarkdown({ ...report, projectDir: folder }),
    };
    // The server's temporary folder never reaches the sender: paths and commands name theirs.
    const named = JSON.stringify(view).replaceAll(upload.dir, JSON.stringify(folder).slice(1, -1));
    return JSON.parse(named) as FirebaseReportView;
  } finally {
    await upload.remove();
  }
}
