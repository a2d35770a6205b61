/** The runs table while the API answers. */
export default function RunsLoading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <h1>Runs</h1>
      <p className="muted">Loading the team&apos;s runs…</p>
      <div className="skeleton" />
      <div className="skeleton" />
      <div className="skeleton" />
    </div>
  );
}
