import { loadArtifacts } from "./artifacts.js";
import { Section, SectionEmpty, SectionProblem } from "./section-states.js";

/**
 * The app as it runs on the run's own runtime project (released while the smoke test ran),
 * before anyone approves it: its data is the smoke's, never production's. It lives on its own
 * origin (`<project>.localhost`), so the studio's cookie and pages are out of its reach.
 */
export async function PreviewSection({ runId, appSlug }: { runId: string; appSlug: string }) {
  const artifacts = await loadArtifacts(runId);
  const preview = artifacts.ok ? artifacts.value.previewSite : null;
  return (
    <Section id="preview" title="Live preview">
      {!artifacts.ok ? (
        <SectionProblem what="preview" problem={artifacts.problem} />
      ) : !preview ? (
        <SectionEmpty>
          No preview yet: the app is released on the run&apos;s own project while its smoke test
          runs.
        </SectionEmpty>
      ) : preview.url === null ? (
        <p className="callout">No preview for this run: {preview.error}.</p>
      ) : (
        <>
          <p className="small">
            <a href={preview.url} target="_blank" rel="noreferrer">
              Open the preview in a new tab
              <span className="visually-hidden"> (opens in a new tab)</span>
            </a>{" "}
            <span className="muted">— its data is the run&apos;s own, not production&apos;s.</span>
          </p>
          <iframe
            className="preview-frame"
            src={preview.url}
            title={`Live preview of ${appSlug}`}
            sandbox="allow-scripts allow-forms allow-same-origin allow-popups"
            loading="lazy"
          />
        </>
      )}
    </Section>
  );
}
