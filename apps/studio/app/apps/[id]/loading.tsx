/** An app's page while its deployments, checks and Git log are read. */
export default function AppLoading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <h1>App</h1>
      <p className="muted">Loading the app, its deployments, regression checks and Git log…</p>
      <div className="skeleton" />
      <div className="skeleton" />
      <div className="skeleton" />
      <div className="skeleton" />
    </div>
  );
}
