import type { RunArtifacts } from "./artifacts.js";

export type ScreenshotView = NonNullable<RunArtifacts["reports"]["smoke"]>["screenshots"][number];

/**
 * The screenshot the smoke test took of each scenario at its end, as the run's code round
 * `round` left the app: thumbnails, each a link to the full image. They come through the
 * studio's route (`/api/runs/<id>/screenshots/<round>/<name>`) with the session's token.
 */
export function ScreenshotGallery({
  runId,
  round,
  screenshots,
}: {
  runId: string;
  round: number;
  screenshots: ScreenshotView[];
}) {
  if (screenshots.length === 0) {
    return (
      <p className="muted small empty-state">
        No screenshots: the smoke test kept none of its scenarios.
      </p>
    );
  }
  const base = `/api/runs/${encodeURIComponent(runId)}/screenshots/${round}`;
  return (
    <ul className="screenshots" aria-label="Smoke test screenshots">
      {screenshots.map((shot) => {
        const src = `${base}/${encodeURIComponent(shot.name)}`;
        const verdict = shot.passed ? "passed" : "failed";
        return (
          <li key={shot.name}>
            <figure className={`screenshot screenshot-${verdict}`}>
              <a href={src} target="_blank" rel="noreferrer">
                <img src={src} alt={`${shot.scenario} — ${verdict}`} loading="lazy" />
                <span className="visually-hidden"> (full size, opens in a new tab)</span>
              </a>
              <figcaption>
                <span className={`badge badge-${shot.passed ? "success" : "danger"}`}>
                  {shot.passed ? "Passed" : "Failed"}
                </span>{" "}
                {shot.scenario}
              </figcaption>
            </figure>
          </li>
        );
      })}
    </ul>
  );
}
