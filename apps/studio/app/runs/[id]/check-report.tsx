import type { ReportView } from "./artifacts.js";
import { ScreenshotGallery, type ScreenshotView } from "./screenshot-gallery.js";

/** What people call each part of the review's audit. */
const SECTION_NAMES: Record<string, string> = {
  secrets: "Secrets",
  rules: "Security rules",
  coverage: "Plan coverage",
  typecheck: "Type check",
};

/**
 * One check's report: passed or failed (in words), its counts, and each finding; with
 * `screenshots` (the smoke's), the screenshot of each scenario taken in code round `round`.
 */
export function CheckReport({
  title,
  report,
  headingLevel = 3,
  screenshots,
}: {
  title: string;
  report: (ReportView & { screenshots?: ScreenshotView[] }) | null;
  headingLevel?: 3 | 4;
  screenshots?: { runId: string; round: number };
}) {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const SubHeading = headingLevel === 3 ? "h4" : "h5";
  return (
    <article className="card check-report" aria-label={`${title} report`}>
      <Heading className="check-title">
        {title}{" "}
        {report ? (
          <span className={`badge badge-${report.ok ? "success" : "danger"}`}>
            {report.ok ? "Passed" : "Failed"}
          </span>
        ) : (
          <span className="badge badge-neutral">Not run</span>
        )}
      </Heading>
      {!report ? (
        <p className="muted small">This check has not run on the latest code yet.</p>
      ) : (
        <>
          <p>{report.summary}</p>
          {report.passed !== null || report.failed !== null ? (
            <p className="check-counts">
              <span>{report.passed ?? 0} passed</span>
              <span>{report.failed ?? 0} failed</span>
            </p>
          ) : null}
          {report.sections.length ? (
            <ul className="review-sections" aria-label="Review sections">
              {report.sections.map((section) => (
                <li key={section.name}>
                  <span className={`badge badge-${section.ok ? "success" : "danger"}`}>
                    {section.ok ? "OK" : `${section.findings.length} found`}
                  </span>{" "}
                  {SECTION_NAMES[section.name] ?? section.name}
                </li>
              ))}
            </ul>
          ) : null}
          <Findings findings={report.findings} />
          {screenshots ? (
            <>
              <SubHeading className="screenshots-title">Screenshots</SubHeading>
              <ScreenshotGallery {...screenshots} screenshots={report.screenshots ?? []} />
            </>
          ) : null}
        </>
      )}
    </article>
  );
}

function Findings({ findings }: { findings: string[] }) {
  if (findings.length === 0) return <p className="muted small">No findings.</p>;
  return (
    <ul className="findings" aria-label="Findings">
      {findings.map((finding, i) => (
        <li key={`${i}-${finding}`}>{finding}</li>
      ))}
    </ul>
  );
}
