/** The team's settings and members while the API answers. */
export default function TeamLoading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <h1>Team</h1>
      <p className="muted">Loading the team&apos;s settings and members…</p>
      <div className="skeleton skeleton-block" />
      <div className="skeleton" />
      <div className="skeleton" />
      <div className="skeleton" />
    </div>
  );
}
