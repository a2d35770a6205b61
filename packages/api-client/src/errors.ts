import type { TRPCClientError, TRPCLink } from "@trpc/client";
import type { AppRouter } from "@winky/orchestrator/api";
import { observable } from "@trpc/server/observable";

/**
 * The server's reason (`UNAUTHORIZED`, `FORBIDDEN`, `NOT_FOUND`, `BAD_REQUEST`, `CONFLICT`,
 * `PRECONDITION_FAILED`…), or `NETWORK_ERROR` when no answer came.
 */
export type WinkyApiErrorCode =
  NonNullable<TRPCClientError<AppRouter>["data"]>["code"] | "NETWORK_ERROR";

/** What the client throws: tRPC's error with the server's `code` on it. */
export type WinkyApiError = TRPCClientError<AppRouter> & { readonly code: WinkyApiErrorCode };

/**
 * Whether `e` is an error from the Winky API client; then `e.code` says why and `e.message`
 * what to change (for `BAD_REQUEST`, `e.data.issues` lists each field). Checks the name and
 * the code rather than `instanceof`, so it holds across bundles.
 */
export function isWinkyApiError(e: unknown): e is WinkyApiError {
  return (
    e instanceof Error &&
    e.name === "TRPCClientError" &&
    typeof (e as { code?: unknown }).code === "string"
  );
}

/** Gives every error passing through the client its `code`, so callers need not dig in `data`. */
export function errorCodeLink(): TRPCLink<AppRouter> {
  return () =>
    ({ next, op }) =>
      observable((observer) =>
        next(op).subscribe({
          next: (value) => observer.next(value),
          complete: () => observer.complete(),
          error: (error) => {
            const code: WinkyApiErrorCode = error.data?.code ?? "NETWORK_ERROR";
            Object.defineProperty(error, "code", { value: code, enumerable: true });
            observer.error(error);
          },
        }),
      );
}
