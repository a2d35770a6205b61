import type { ParsedWrite } from "./api/parse-writes.js";
import { applyUpdate, getField, type FieldUpdate } from "./model/update.js";
import type { Instant } from "./model/timestamp.js";
import type { DocFields } from "./model/value.js";

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
