import { isWinkyError } from "@winky/sdk";

/** A sentence for a person, from whatever the SDK threw. */
export function describeError(e: unknown): string {
  if (!isWinkyError(e)) return e instanceof Error ? e.message : "Something went wrong.";
  const reason = (e.details as { reason?: unknown } | undefined)?.reason;
  switch (e.code) {
    case "unauthenticated":
      return "Wrong email or password, or your session has ended. Sign in again.";
    case "permission-denied":
      return "You are not allowed to do that.";
    case "not-found":
      return "It does not exist (any more).";
    case "already-exists":
      return "It already exists.";
    case "resource-exhausted":
      return "Too many attempts or too large. Wait a moment and try again.";
    case "unavailable":
      return "The server cannot be reached. Check your connection and try again.";
    case "invalid-argument":
      if (reason === "weak-password") return "Choose a longer password (at least 8 characters).";
      if (reason === "invalid-email") return "Enter a valid email address.";
      if (reason === "invalid-action-token") return "This link has expired or was already used.";
      return e.message;
    default:
      return e.message || "Something went wrong.";
  }
}
