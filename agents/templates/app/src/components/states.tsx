import type { ReactNode } from "react";

/** Shown while data loads. */
export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <p className="state loading" role="status" aria-live="polite">
      {label}
    </p>
  );
}

/** Shown when a list has nothing in it, with what to do about it. */
export function Empty({ children }: { children: ReactNode }) {
  return <div className="state empty">{children}</div>;
}

/** A failure, read out by screen readers; renders nothing without a message. */
export function ErrorMessage({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="state error" role="alert">
      {message}
    </p>
  );
}
