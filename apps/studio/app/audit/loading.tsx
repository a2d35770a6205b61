/** The audit log while the API answers. */
export default function AuditLoading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <h1>Audit log</h1>
      <p className="muted">Loading the audit log…</p>
      <div className="skeleton skeleton-block" />
      <div className="skeleton" />
      <div className="skeleton" />
      <div className="skeleton" />
    </div>
  );
}
