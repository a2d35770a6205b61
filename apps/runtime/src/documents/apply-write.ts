import { notFound, RuntimeError } from "../errors/runtime-error.js";
import type { ParsedWrite } from "./api/parse-writes.js";
import { assertDocumentSize } from "./model/size.js";
import { parseTimestamp, type Instant } from "./model/timestamp.js";
import { applyUpdate, getField, type FieldUpdate } from "./model/update.js";
import type { DocFields } from "./model/value.js";

/** A document as a commit sees it between its writes; undefined when it does not exist. */
export interface DocState {
  fields: DocFields;
  /** RFC 3339; the commit time once a write of the commit has set the document. */
  updateTime: string;
}

/** One write of a commit with the document before and after it. */
export interface AppliedWrite {
  write: ParsedWrite;
  before: DocState | undefined;
  after: DocState | undefined;
}

/**
 * Applies a commit's writes in order, as Firestore does, to an in-memory state per document
 * that starts from `stored`: several writes to one document see each other's results. Each
 * write's precondition is checked against the state before it; `final` holds every written
 * document's state after the last write (undefined: it does not exist), in first-write order.
 *
 * @throws RuntimeError already-exists, not-found or failed-precondition for a precondition
 * that fails; DocumentValueError / DocumentTooLargeError for an update whose result is invalid.
 */
export function applyWrites(
  writes: readonly ParsedWrite[],
  stored: ReadonlyMap<string, DocState>,
  commitTime: string,
): { applied: AppliedWrite[]; final: Map<string, DocState | undefined> } {
  const instant = parseTimestamp(commitTime);
  if (typeof instant === "string")
    throw new Error(`internal: bad commit time ${commitTime}: ${instant}`);
  const final = new Map<string, DocState | undefined>();
  const applied = writes.map((write): AppliedWrite => {
    const path = write.doc.path;
    const before = final.has(path) ? final.get(path) : stored.get(path);
    checkPrecondition(write, before);
    let after: DocState | undefined;
    if (write.kind === "update") {
      const fields = applyUpdateWrite(write, before?.fields, instant);
      assertDocumentSize(path, fields);
      after = { fields, updateTime: commitTime };
    }
    final.set(path, after);
    return { write, before, after };
  });
  return { applied, final };
}

/**
 * The document after an update write: the whole document replaced (no mask) or only the masked
 * paths set — a masked path absent from the data deletes the field — then the transforms.
 *
 * @throws DocumentValueError for conflicting paths or too deep a result.
 */
export function applyUpdateWrite(
  write: Extract<ParsedWrite, { kind: "update" }>,
  existing: DocFields | undefined,
  commitTime: Instant,
): DocFields {
  let result: DocFields;
  if (write.mask === undefined) {
    result = write.fields;
  } else {
    const updates: FieldUpdate[] = write.mask.map((fieldPath) => {
      const value = getField(write.fields, fieldPath);
      return value === undefined ? { fieldPath, delete: true } : { fieldPath, value };
    });
    result = applyUpdate(existing ?? new Map(), updates);
  }
  if (write.transforms.length === 0) return result;
  return applyUpdate(
    result,
    write.transforms.map((t) => ({ fieldPath: t.fieldPath, transform: t.transform })),
    { requestTime: { seconds: commitTime.seconds, nanos: commitTime.nanos } },
  );
}

function checkPrecondition(write: ParsedWrite, before: DocState | undefined): void {
  const p = write.precondition;
  if (!p) return;
  if (p.exists === false && before)
    throw new RuntimeError("already-exists", `document ${write.doc.path} already exists`);
  if (p.exists === true && !before) throw notFound(`no document at ${write.doc.path}`);
  if (p.updateTime !== undefined && !(before && sameInstant(before.updateTime, p.updateTime))) {
    throw new RuntimeError(
      "failed-precondition",
      `document ${write.doc.path} was updated at another time than ${p.updateTime}`,
    );
  }
}

/** Equal instants, however many fraction digits each was written with. */
function sameInstant(a: string, b: string): boolean {
  const x = parseTimestamp(a);
  const y = parseTimestamp(b);
  return (
    typeof x !== "string" && typeof y !== "string" && x.seconds === y.seconds && x.nanos === y.nanos
  );
}
