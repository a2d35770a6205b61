/** The apps table while the API answers. */
export default function AppsLoading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <h1>Apps</h1>
      <p className="muted">Loading the team&apos;s apps…</p>
      <div className="skeleton" />
      <div className="skeleton" />
      <div className="skeleton" />
    </div>
  );
}
