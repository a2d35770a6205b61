/** The step of {@link migrate} that failed; the message says more. */
export type MigrationStage =
  /** The migrations folder or its journal is missing or unreadable (a packaging mistake). */
  | "read"
  /** PostgreSQL could not be reached, or refused the credentials. */
  | "connect"
  /** The advisory lock that serialises concurrent migrators was not granted in time. */
  | "lock"
  /** A migration failed; the transaction rolled back, so no migration was half-applied. */
  | "migrate";

/**
 * Raised by `migrate()` for every failure. The message names the server as `host:port/database`
 * and never includes the password, so it can be logged and shown at boot as-is; the original
 * error is kept as `cause`.
 */
export class DatabaseMigrationError extends Error {
  override readonly name = "DatabaseMigrationError";

  constructor(
    /** Which step failed. */
    readonly stage: MigrationStage,
    /** The server, as `host:port/database`: never credentials. */
    readonly target: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Brand check for {@link DatabaseMigrationError} by `name`, so it works across bundles and
 * realms where `instanceof` does not.
 */
export function isDatabaseMigrationError(e: unknown): e is DatabaseMigrationError {
  return e instanceof Error && e.name === "DatabaseMigrationError";
}

/**
 * A one-line reason for a failure from pg or Drizzle. Drizzle wraps query errors in an error
 * whose message is the whole failed SQL; the driver's error in `cause` says what went wrong.
 * Connecting to `localhost` can fail with an AggregateError whose message is empty.
 */
export function reasonOf(e: unknown): string {
  let error: unknown = e;
  while (error instanceof Error && error.cause instanceof Error) error = error.cause;
  if (!(error instanceof Error)) return String(error);
  if (error.message) return error.message;
  const code = (error as { code?: unknown }).code;
  if (error instanceof AggregateError && error.errors[0] instanceof Error) {
    return reasonOf(error.errors[0]);
  }
  return typeof code === "string" ? code : error.name;
}
