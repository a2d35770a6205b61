/**
 * The runtime's error codes: Firestore's (google.rpc.Code names in kebab-case), so a Firebase
 * developer reads them without a glossary.
 */
export const ERROR_CODES = {
  "invalid-argument": 400,
  "failed-precondition": 400,
  "out-of-range": 400,
  unauthenticated: 401,
  "permission-denied": 403,
  "not-found": 404,
  "already-exists": 409,
  aborted: 409,
  "resource-exhausted": 429,
  cancelled: 499,
  internal: 500,
  unknown: 500,
  "data-loss": 500,
  unimplemented: 501,
  unavailable: 503,
  "deadline-exceeded": 504,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The one error the runtime answers with. The wire shape is
 * `{ "error": { "code", "message", "details"? } }`; see docs/ERRORS.md.
 */
export class RuntimeError extends Error {
  override readonly name = "RuntimeError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }

  toJSON(): { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

export function isRuntimeError(e: unknown): e is RuntimeError {
  return e instanceof Error && e.name === "RuntimeError";
}

/** Shorthands for the codes handlers raise most. */
export const invalidArgument = (message: string, details?: Record<string, unknown>) =>
  new RuntimeError("invalid-argument", message, details);
export const notFound = (message: string, details?: Record<string, unknown>) =>
  new RuntimeError("not-found", message, details);
/** The project in the URL does not exist: `details.reason` tells it from a missing document. */
export const projectNotFound = (id: string) =>
  notFound(`project '${id}' does not exist`, { reason: "project-not-found" });
export const permissionDenied = (message: string, details?: Record<string, unknown>) =>
  new RuntimeError("permission-denied", message, details);
export const unauthenticated = (message: string) => new RuntimeError("unauthenticated", message);
export const alreadyExists = (message: string) => new RuntimeError("already-exists", message);
