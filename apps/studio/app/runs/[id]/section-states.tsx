import type { ReactNode } from "react";
import { Problem } from "../../_components/problem.js";
import type { ApiProblem } from "../../_lib/api.js";

/**
 * The frame every artifact section shares: its heading (the section's landmark name), then
 * its content, its empty state, its loading state or the API's refusal.
 */
export function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="run-section">
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

/** What a section shows while its data loads (a Suspense fallback). */
export function SectionLoading({ id, title }: { id: string; title: string }) {
  return (
    <Section id={id} title={title}>
      <div aria-busy="true">
        <p className="muted small" role="status">
          Loading the {title.toLowerCase()}…
        </p>
        <div className="skeleton" />
        <div className="skeleton" />
      </div>
    </Section>
  );
}

/** A section with nothing to show yet, saying why. */
export function SectionEmpty({ children }: { children: ReactNode }) {
  return <p className="muted empty-state">{children}</p>;
}

/** The API's refusal for a section's data, in its words. */
export function SectionProblem({ what, problem }: { what: string; problem: ApiProblem }) {
  return <Problem title={`The run's ${what} could not be read.`} problem={problem} />;
}
