/** The tokens while the API answers. */
export default function TokensLoading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <h1>API tokens</h1>
      <p className="muted">Loading your tokens…</p>
      <div className="skeleton skeleton-block" />
      <div className="skeleton" />
      <div className="skeleton" />
    </div>
  );
}
