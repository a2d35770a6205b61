import {
  formatSource,
  inspectFirebaseProject,
  renderMarkdown,
  type ReportItem,
  type Verdict,
} from "@winky/firebase-import";
import { checkUpload, writeUploadedFolder, type UploadedFile } from "./uploaded-folder.js";

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

/** Reports waiting beside the one being read; more are refused until the line shortens. */
export const MAX_WAITING_REPORTS = 3;

/** Too many reports are waiting: the caller is to try again shortly. */
export class ReportsBusy extends Error {
  constructor() {
    super(`${MAX_WAITING_REPORTS} reports are already waiting: try again in a minute`);
    this.name = "ReportsBusy";
  }
}

/**
 * Reads an uploaded Firebase project folder as `winky import firebase --report-only` reads one
 * on disk (firebase.json, rules, indexes, functions source, data, users, storage files, the
 * site) but without bundling the functions, in a private temporary folder removed afterwards.
 * Nothing is imported.
 * One report at a time per process (reading parses every module with the TypeScript compiler,
 * which is CPU-bound), and a short line: the upload is checked before it waits.
 *
 * @throws UploadProblem for a bad upload, ReportsBusy when the line is full.
 */
export async function reportOfUploadedFolder(
  folder: string,
  files: readonly UploadedFile[],
  project?: string,
): Promise<FirebaseReportView> {
  const bodies = checkUpload(files);
  if (waiting >= MAX_WAITING_REPORTS + 1) throw new ReportsBusy();
  waiting++;
  const run = queue.then(() => inspect(folder, bodies, project));
  queue = run.catch(() => undefined);
  try {
    return await run;
  } finally {
    waiting--;
  }
}

let queue: Promise<unknown> = Promise.resolve();
let waiting = 0;

async function inspect(
  folder: string,
  bodies: ReadonlyMap<string, Buffer>,
  project: string | undefined,
): Promise<FirebaseReportView> {
  const upload = await writeUploadedFolder(bodies);
  try {
    // Paths and commands name the folder as the sender has it (`./-x` for one named -x).
    const shownAs = folder.startsWith("-") ? `./${folder}` : folder;
    // Not bundled: the folder comes without its installed packages, and the import on the
    // sender's machine bundles (and names a missing package) anyway.
    const source = await inspectFirebaseProject(upload.dir, {
      shownAs,
      bundle: false,
      ...(project === undefined ? {} : { project }),
    });
    const deployable = (source.functions?.functions ?? []).filter(
      (f) => f.trigger && !f.undeployable,
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
        functions: deployable.length + (source.winkyFunctions?.functions.length ?? 0),
      },
      nextCommands: report.nextCommands,
      markdown: renderMarkdown(report),
    };
    // Anywhere else (a reader's message), too, the server's temporary folder never reaches
    // the sender. A function as the replacement: `$&` in a folder name is text, not a pattern.
    const escaped = (text: string) => JSON.stringify(text).slice(1, -1);
    const named = JSON.stringify(view).replaceAll(escaped(upload.dir), () => escaped(folder));
    return JSON.parse(named) as FirebaseReportView;
  } finally {
    await upload.remove();
  }
}
