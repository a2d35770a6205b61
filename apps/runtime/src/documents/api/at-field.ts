import { invalidArgument } from "../../errors/runtime-error.js";
import { isDocumentValueError, isInvalidPathError } from "../model/errors.js";

/**
 * Runs `fn`, turning the data model's errors into invalid-argument prefixed with where in the
 * request they happened (`writes[2].update.fields: …`), so the client sees one precise message.
 */
export function atField<T>(where: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isDocumentValueError(e) || isInvalidPathError(e))
      throw invalidArgument(`${where}: ${e.message}`);
    throw e;
  }
}
