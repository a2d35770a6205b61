// What reading the data files builds up: the documents accepted, the report items, and whether
// everything was read. Any document left out makes the reading incomplete, so an import never
// starts with part of the data (the README says why).
import type { Position } from "../json-node.js";
import { makeItem, type ReportItem, type SourceRef, type Verdict } from "../report.js";
import { DataProblem, MAX_NESTING_DEPTH, parseDocumentName } from "./checks.js";
import {
  documentSize,
  MAX_DOCUMENT_BYTES,
  type DataFields,
  type DataValue,
  type ImportedDocument,
} from "./data-value.js";

export const AREA = "data";

/** Where a document's references count as "home": from its own full name or its file. */
export interface DocumentScope {
  file: string;
  home?: { project: string; database: string };
  /** References into another project or database, noted when the document is accepted. */
  foreign: { project: string; database: string; position: Position; fieldPath: string }[];
}

/** A reference value from a document name, relative or full; a bad name is a DataProblem. */
export function referenceFrom(
  name: string,
  position: Position,
  fieldPath: string,
  scope: DocumentScope,
): DataValue {
  const parsed = parseDocumentName(name);
  if (typeof parsed === "string") throw new DataProblem(position, fieldPath, parsed);
  const { path, project, database } = parsed;
  if (project === undefined || database === undefined) return { type: "reference", path };
  const home = scope.home;
  if (home === undefined || (home.project === project && home.database === database)) {
    return { type: "reference", path };
  }
  scope.foreign.push({ project, database, position, fieldPath });
  return { type: "reference", path, foreign: { project, database } };
}

/** Checks there is room for one more map or array below `depth` enclosing ones. */
export function enterNesting(depth: number, position: Position, fieldPath: string): number {
  if (depth + 1 > MAX_NESTING_DEPTH) {
    throw new DataProblem(
      position,
      fieldPath,
      `maps and arrays are nested more than ${MAX_NESTING_DEPTH} levels deep`,
    );
  }
  return depth + 1;
}

interface ForeignTally {
  count: number;
  first: SourceRef;
  example: string;
}

export class DataReading {
  readonly documents: ImportedDocument[] = [];
  readonly items: ReportItem[] = [];
  complete = true;
  private readonly seen = new Map<string, SourceRef>();
  private readonly foreign = new Map<string, ForeignTally>();

  /** A problem with a whole file or its layout: nothing after it in that file was read. */
  fileProblem(file: string, position: Position, verdict: Verdict, detail: string): void {
    this.items.push(makeItem(AREA, file, at(file, position), verdict, detail));
    this.complete = false;
  }

  /** A document (or what `leftOut` says) left out for `problem`. */
  rejectDocument(
    file: string,
    documentPath: string,
    problem: DataProblem,
    leftOut = "the document is left out",
  ): void {
    const field = problem.fieldPath === "" ? "" : `field ${problem.fieldPath}: `;
    this.items.push(
      makeItem(
        AREA,
        documentPath,
        at(file, problem.position),
        problem.verdict,
        `${field}${problem.reason}; ${leftOut}`,
      ),
    );
    this.complete = false;
  }

  /** Accepts a decoded document unless it is too large or was already read. */
  addDocument(path: string, fields: DataFields, position: Position, scope: DocumentScope): void {
    const source = at(scope.file, position);
    const size = documentSize(path, fields);
    if (size > MAX_DOCUMENT_BYTES) {
      const reason = `the document is ${size} bytes (Firestore storage size); the limit is ${MAX_DOCUMENT_BYTES}`;
      this.rejectDocument(scope.file, path, new DataProblem(position, "", reason));
      return;
    }
    const first = this.seen.get(path);
    if (first !== undefined) {
      const reason = `the document is given twice, first at ${place(first)}; this copy is left out`;
      this.items.push(makeItem(AREA, path, source, "needs-change", reason));
      this.complete = false;
      return;
    }
    this.seen.set(path, source);
    this.documents.push({ path, fields, source });
    for (const ref of scope.foreign) this.noteForeign(ref, scope.file, path);
  }

  private noteForeign(ref: DocumentScope["foreign"][number], file: string, path: string): void {
    const key = `projects/${ref.project}/databases/${ref.database}`;
    const tally = this.foreign.get(key);
    if (tally) tally.count++;
    else {
      const example = `${path} field ${ref.fieldPath}`;
      this.foreign.set(key, { count: 1, first: at(file, ref.position), example });
    }
  }

  /** One item per other project or database that references point into. */
  foreignItems(): ReportItem[] {
    return [...this.foreign].map(([where, tally]) =>
      makeItem(
        AREA,
        `references into ${where}`,
        tally.first,
        "needs-change",
        `${tally.count} reference(s) point into ${where} (first: ${tally.example}); ` +
          "their document paths are kept, so after the import they point into the Winky project",
      ),
    );
  }
}

export function at(file: string, position: Position): SourceRef {
  return { file, line: position.line, column: position.column };
}

function place(source: SourceRef): string {
  return `${source.file}:${source.line}:${source.column ?? 1}`;
}
