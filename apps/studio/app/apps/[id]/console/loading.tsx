/** A console tab while it reads from the runtime. */
export default function ConsoleLoading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <p className="muted">Reading from the app&apos;s runtime project…</p>
      <div className="skeleton" />
      <div className="skeleton" />
    </div>
  );
}
