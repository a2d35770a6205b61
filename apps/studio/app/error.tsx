"use client";

/**
 * What a page shows when rendering it failed unexpectedly. The API's refusals are shown by
 * the pages themselves, in its words; this is for everything else, whose details stay in the
 * server's log (`digest` names them there).
 */
export default function PageError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="callout callout-danger" role="alert">
      <p className="callout-title">This page could not be shown.</p>
      <p>
        Something went wrong on the studio&apos;s side
        {error.digest ? (
          <>
            {" "}
            (reference <code>{error.digest}</code>)
          </>
        ) : null}
        .
      </p>
      <button type="button" className="button button-quiet" onClick={() => reset()}>
        Try again
      </button>
    </div>
  );
}
