import { RulesSource } from "./rules-source.js";
import type { RulesEvaluation } from "./state.js";

const OUTCOME_TEXT = { allowed: "granted", false: "false", error: "error" } as const;

/** The verdict in large letters, why (each allow tried, by line), and the source it points into. */
export function RulesResult({ result }: { result: RulesEvaluation }) {
  return (
    <>
      <p
        className={result.allowed ? "verdict verdict-allowed" : "verdict verdict-denied"}
        role="status"
      >
        {result.allowed ? "ALLOWED" : "DENIED"}
      </p>
      {result.notes.length > 0 ? (
        <ul className="small muted">
          {result.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      {result.trace.length > 0 ? (
        <>
          <h3>Allows tried</h3>
          <ol className="rules-trace">
            {result.trace.map((step, i) => (
              <li key={i} className={`rules-trace-${step.outcome}`}>
                <strong>Line {step.line}</strong>: <code>allow {step.methods.join(", ")}</code> in{" "}
                <code>{step.match}</code> — {OUTCOME_TEXT[step.outcome]}
                {step.expression ? (
                  <>
                    : <code>{step.expression}</code> was false
                  </>
                ) : null}
                {step.message ? <>: {step.message}</> : null}
                {step.at && step.at.line !== step.line ? (
                  <span className="muted"> (line {step.at.line})</span>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {result.lookups === "project-documents" ? (
        <p className="small muted">
          get() and exists() read the project&apos;s real documents; getAfter() sees this
          request&apos;s write on top of them.
        </p>
      ) : null}
      {result.source ? (
        <RulesSource
          source={result.source}
          trace={result.trace}
          label={`Deployed ${result.service} rules of ${result.project}`}
        />
      ) : null}
    </>
  );
}
