import { TRPCError } from "@trpc/server";

/** One problem with a request's input: where (`comment`, `items[0].name`) and what. */
export interface InputIssue {
  path: string;
  message: string;
}

/** The `issues` of a validation error (zod's or any Standard Schema's), or undefined. */
export function inputIssuesOf(cause: unknown): InputIssue[] | undefined {
  const issues = (cause as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return undefined;
  return issues.map((issue: { path?: ReadonlyArray<unknown>; message?: unknown }) => ({
    path: pathText(issue.path ?? []),
    message: String(issue.message ?? "is invalid"),
  }));
}

/** `comment: …; limit: …` — every issue, each naming its field. */
export function describeIssues(issues: readonly InputIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join("; ");
}

function pathText(path: ReadonlyArray<unknown>): string {
  let text = "";
  for (const part of path) {
    const key = (part as { key?: unknown } | null)?.key ?? part;
    text += typeof key === "number" ? `[${key}]` : `${text ? "." : ""}${String(key)}`;
  }
  return text || "input";
}

/** A refusal naming the field at fault, for checks zod cannot make (the database's state). */
export function badInput(path: string, message: string): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message: `${path}: ${message}` });
}

/**
 * The API's answer to a domain error thrown below it, or undefined for anything else (which
 * stays an internal error). Errors are recognised by `name`, not `instanceof`, so they are
 * recognised whichever bundle made them.
 */
export function apiErrorOf(cause: unknown): TRPCError | undefined {
  if (!(cause instanceof Error)) return undefined;
  switch (cause.name) {
    case "RunInputError":
      return new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
    case "RunStateError": {
      const code = (cause as Error & { code?: string }).code;
      return new TRPCError({
        code: code === "not-found" ? "NOT_FOUND" : "CONFLICT",
        message: cause.message,
        cause,
      });
    }
    case "AdminApiError": {
      // The runtime refused (4xx: a version that is not there, not finalized) or failed.
      const status = (cause as Error & { status?: number }).status ?? 500;
      return new TRPCError({
        code: status < 500 ? "PRECONDITION_FAILED" : "BAD_GATEWAY",
        message: `the runtime refused: ${cause.message}`,
        cause,
      });
    }
    default:
      return undefined;
  }
}
