// What firebase-functions' trigger constructors answer here: the handler, marked with what it
// is (kind, event, generation), for the adapter to call the way that Firebase would.

export const TRIGGER = Symbol.for("winky.firebase-compat.trigger");

export type Kind =
  | { kind: "callable" }
  | { kind: "http"; cors?: unknown }
  | { kind: "document"; event: "create" | "update" | "delete" | "write"; path: string }
  | { kind: "auth"; event: "create" | "delete" }
  | { kind: "storage"; event: "finalize" | "delete" }
  | { kind: "schedule"; schedule: string; timeZone?: string }
  /** A trigger Winky has no event for (blocking auth, Pub/Sub topics, Realtime Database…). */
  | { kind: "unsupported"; what: string };

export type Handler = (...args: never[]) => unknown;

export type Descriptor = Kind & { generation: 1 | 2; handler: Handler };

/** A deployed function as the source exports it: callable like Firebase's, and marked. */
export type Marked = ((...args: unknown[]) => unknown) & {
  [TRIGGER]: Descriptor;
  run: (...args: unknown[]) => unknown;
};

export function mark(kind: Kind, generation: 1 | 2, handler: unknown): Marked {
  if (typeof handler !== "function") {
    throw new TypeError(`firebase-functions: expected a handler function, got ${typeof handler}`);
  }
  const fn = handler as (...args: unknown[]) => unknown;
  const marked = ((...args: unknown[]) => fn(...args)) as Marked;
  marked[TRIGGER] = { ...kind, generation, handler: fn };
  // firebase-functions-test calls `.run(…)` on 1st gen functions.
  marked.run = (...args: unknown[]) => fn(...args);
  return marked;
}

export function descriptorOf(value: unknown): Descriptor | undefined {
  if (typeof value !== "function" && (typeof value !== "object" || value === null)) return;
  return (value as Partial<Marked>)[TRIGGER];
}

/** v2 options come first when there are two arguments: `onCall(opts, handler)`. */
export function optionsAndHandler<O>(args: unknown[]): [O | undefined, unknown] {
  return args.length >= 2 ? [args[0] as O, args[1]] : [undefined, args[0]];
}

const HTTP_STATUS: Record<string, number> = {
  ok: 200,
  cancelled: 499,
  unknown: 500,
  "invalid-argument": 400,
  "deadline-exceeded": 504,
  "not-found": 404,
  "already-exists": 409,
  "permission-denied": 403,
  unauthenticated: 401,
  "resource-exhausted": 429,
  "failed-precondition": 400,
  aborted: 409,
  "out-of-range": 400,
  unimplemented: 501,
  internal: 500,
  unavailable: 503,
  "data-loss": 500,
};

/**
 * A callable's deliberate refusal. Its `code` and `details` are what the runtime reads from a
 * thrown error (the refusal form `{ code, details }`), so it reaches the caller unchanged.
 */
export class HttpsError extends Error {
  readonly httpErrorCode: { canonicalName: string; status: number };
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "HttpsError";
    this.httpErrorCode = { canonicalName: code, status: HTTP_STATUS[code] ?? 500 };
  }
  toJSON(): Record<string, unknown> {
    return {
      status: this.code,
      message: this.message,
      ...(this.details !== undefined ? { details: this.details } : {}),
    };
  }
}
