/**
 * The data model's domain errors. Each carries a `name` brand so guards work across bundles
 * (an `instanceof` check fails when two copies of this module are loaded); the HTTP edge maps
 * all three to `invalid-argument`.
 */

/**
 * A value or field name a client sent that Firestore would reject: a malformed wire value, an
 * integer out of int64 range, a reserved field name, nesting too deep, an array in an array…
 * `fieldPath` names where, in the field-path syntax (`address.tags[2]`, `` `first name` ``).
 */
export class DocumentValueError extends Error {
  override readonly name = "DocumentValueError";
  constructor(
    /** Where the bad value sits; "" when the problem is the whole document. */
    readonly fieldPath: string,
    message: string,
  ) {
    super(message);
  }
}

/** True for a `DocumentValueError`, from any copy of this module. */
export function isDocumentValueError(e: unknown): e is DocumentValueError {
  return e instanceof Error && e.name === "DocumentValueError";
}

/** A document, collection or field path that breaks Firestore's path rules. */
export class InvalidPathError extends Error {
  override readonly name = "InvalidPathError";
  constructor(
    /** The path as the caller gave it. */
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** True for an `InvalidPathError`, from any copy of this module. */
export function isInvalidPathError(e: unknown): e is InvalidPathError {
  return e instanceof Error && e.name === "InvalidPathError";
}

/** A document whose Firestore storage size is over the limit (1 MiB). */
export class DocumentTooLargeError extends Error {
  override readonly name = "DocumentTooLargeError";
  constructor(
    /** The document path, relative to the documents root. */
    readonly path: string,
    /** The computed storage size in bytes. */
    readonly size: number,
    /** The limit it went over, in bytes. */
    readonly limit: number,
  ) {
    super(
      `document ${path} is too large: its storage size is ${size} bytes and the limit is ` +
        `${limit} bytes`,
    );
  }
}

/** True for a `DocumentTooLargeError`, from any copy of this module. */
export function isDocumentTooLargeError(e: unknown): e is DocumentTooLargeError {
  return e instanceof Error && e.name === "DocumentTooLargeError";
}
