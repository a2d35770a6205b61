// Finds the data files (a `firestore-data/` folder, or one file given) and reads each in the
// format its shape shows. Bad input never throws: it becomes report items, and anything not
// read to its end clears `complete` so the import refuses to start.
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { JsonValue, Position } from "../json-node.js";
import { JsoncSyntaxError, parseJsonc } from "../jsonc.js";
import { makeItem, type ReportItem } from "../report.js";
import type { ImportedDocument } from "./data-value.js";
import { AREA, DataReading } from "./reading.js";
import { readRestDocument, readRestFile } from "./rest-format.js";
import { collectionItems, typeItems } from "./summary.js";
import { COLLECTIONS_KEY, readTreeFile } from "./tree-format.js";

export const DEFAULT_DATA_LOCATION = "firestore-data";

export interface FirestoreData {
  /** Every document read without a problem, in file order. */
  documents: ImportedDocument[];
  /** False when a file or a document could not be read: the import must not start. */
  complete: boolean;
  items: ReportItem[];
  /** The files read, relative to the project folder, in the order read. */
  files: string[];
}

const START: Position = { line: 1, column: 1 };

/**
 * Reads the Firestore data in `location` (a file or a folder, relative to `projectDir`).
 * Returns null when the default folder does not exist: the project has no data to import.
 */
export async function readFirestoreData(
  projectDir: string,
  location?: string,
): Promise<FirestoreData | null> {
  const given = location ?? DEFAULT_DATA_LOCATION;
  const target = path.resolve(projectDir, given);
  const shown = toPosix(path.relative(projectDir, target)) || given;
  const reading = new DataReading();
  const files: string[] = [];
  const kind = await stat(target).then(
    (s) => (s.isDirectory() ? "folder" : "file"),
    () => "missing" as const,
  );
  if (kind === "missing") {
    if (location === undefined) return null;
    reading.fileProblem(shown, START, "not-understood", "the data location does not exist");
  } else if (kind === "file") {
    files.push(shown);
  } else {
    const entries = (await readdir(target, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    const ignored: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue; // .DS_Store and the like
      if (entry.isFile() && /\.(?:json|ndjson)$/i.test(entry.name)) {
        files.push(`${shown}/${entry.name}`);
      } else ignored.push(entry.isDirectory() ? `${entry.name}/` : entry.name);
    }
    reading.items.push(...folderItems(shown, files.length, ignored));
  }
  for (const file of files) await readDataFile(projectDir, file, reading);
  const items = [
    ...reading.items,
    ...reading.foreignItems(),
    ...collectionItems(reading.documents),
    ...typeItems(reading.documents),
  ];
  return { documents: reading.documents, complete: reading.complete, items, files };
}

function folderItems(folder: string, read: number, ignored: string[]): ReportItem[] {
  const items: ReportItem[] = [];
  const at = { file: folder, line: 1 };
  if (read === 0) {
    const detail = "the folder holds no .json or .ndjson file: there is no data to import";
    items.push(makeItem(AREA, folder, at, "needs-change", detail));
  }
  if (ignored.length > 0) {
    // A managed export (gcloud firestore export) is LevelDB files plus a metadata file.
    const managed = ignored.some((name) =>
      /overall_export_metadata$|^all_namespaces\/$/.test(name),
    );
    const detail =
      `not read: ${ignored.join(", ")} — only .json and .ndjson files are` +
      (managed ? "; a managed Firestore export (LevelDB) is not readable" : "");
    const alternative = "export to JSON (see packages/firebase-import/src/data/README.md)";
    items.push(makeItem(AREA, folder, at, "unsupported", detail, alternative));
  }
  return items;
}

async function readDataFile(projectDir: string, file: string, reading: DataReading): Promise<void> {
  let text: string;
  try {
    // fatal: a file that is not UTF-8 would otherwise arrive with U+FFFD in place of its bytes.
    text = new TextDecoder("utf-8", { fatal: true }).decode(
      await readFile(path.resolve(projectDir, file)),
    );
  } catch (e) {
    const reason =
      e instanceof TypeError ? "the file is not valid UTF-8" : `cannot read: ${String(e)}`;
    return reading.fileProblem(file, START, "not-understood", reason);
  }
  if (/\.ndjson$/i.test(file)) return readNdjson(text, file, reading);
  const root = parse(text, file, 0, reading);
  if (root === undefined) return;
  if (
    root.kind === "array" ||
    (root.kind === "object" && root.members.some((m) => m.key === "documents"))
  ) {
    readRestFile(root, file, reading);
  } else if (root.kind === "object" && root.members.some((m) => m.key === COLLECTIONS_KEY)) {
    readTreeFile(root, file, reading);
  } else {
    const detail = `neither format: expected {"documents": […]}, a list of documents, or {"${COLLECTIONS_KEY}": {…}}`;
    reading.fileProblem(file, root.position, "not-understood", detail);
  }
}

/** One REST document per line; a bad line is reported and the next lines are still read. */
function readNdjson(text: string, file: string, reading: DataReading): void {
  const lines = text.split(/\r\n|\r|\n/);
  let index = 0;
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const root = parse(line, file, i, reading);
    if (root !== undefined) readRestDocument(root, index, file, reading, undefined);
    index++;
  });
}

/** Parses JSON text found `lineOffset` lines into its file; a syntax error becomes an item. */
function parse(
  text: string,
  file: string,
  lineOffset: number,
  reading: DataReading,
): JsonValue | undefined {
  try {
    const { root } = parseJsonc(text, file);
    if (lineOffset > 0) shiftLines(root, lineOffset);
    return root;
  } catch (e) {
    if (!(e instanceof JsoncSyntaxError)) throw e;
    const position = { line: e.position.line + lineOffset, column: e.position.column };
    reading.fileProblem(file, position, "not-understood", e.reason);
    return undefined;
  }
}

/** Moves every position down `offset` lines: an NDJSON line is parsed on its own. */
function shiftLines(node: JsonValue, offset: number): void {
  node.position = { line: node.position.line + offset, column: node.position.column };
  if (node.kind === "array") node.items.forEach((item) => shiftLines(item, offset));
  if (node.kind === "object") {
    for (const member of node.members) {
      member.keyPosition = {
        line: member.keyPosition.line + offset,
        column: member.keyPosition.column,
      };
      shiftLines(member.value, offset);
    }
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}
