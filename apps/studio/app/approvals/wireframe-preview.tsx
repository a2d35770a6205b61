/** The plan's first wireframe as the approval's picture of the app, or a word that there is none. */
export function WireframePreview({
  runId,
  wireframe,
}: {
  runId: string;
  wireframe: { index: number; title: string } | null;
}) {
  return (
    <div className="approval-preview">
      {wireframe ? (
        // Through the studio's image route: an SVG shown as an image runs no script.
        <img
          src={`/api/runs/${encodeURIComponent(runId)}/screens/${wireframe.index}`}
          alt={`Wireframe of the ${wireframe.title} screen`}
          loading="lazy"
        />
      ) : (
        <span className="muted small">No preview yet</span>
      )}
    </div>
  );
}
