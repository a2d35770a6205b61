"use client";

import { useEffect, useRef, useState } from "react";
import type { FirebaseReport, FirebaseReportItem } from "./report-state.js";

const VERDICTS = {
  maps: { label: "maps cleanly", badge: "badge-success" },
  "needs-change": { label: "needs a change", badge: "badge-waiting" },
  unsupported: { label: "not supported", badge: "badge-danger" },
  "not-understood": { label: "not understood", badge: "badge-neutral" },
} as const;

const where = (s: FirebaseReportItem["source"]) =>
  `${s.file}:${s.line}${s.column !== undefined ? `:${s.column}` : ""}`;

/**
 * The compatibility report: the score and the counts, what the import would bring over, what
 * blocks it, every item by area with its verdict and where it is, and the commands to run next.
 */
export function FirebaseReportView({ report }: { report: FirebaseReport }) {
  const [attentionOnly, setAttentionOnly] = useState(false);
  // A new report takes the focus, so keyboard and screen reader users land on it.
  const heading = useRef<{ focus(): void }>(null);
  useEffect(() => heading.current?.focus(), [report]);
  const shown = report.items.filter((i) => !attentionOnly || i.verdict !== "maps");
  const areas = [...new Set(shown.map((i) => i.area))];
  const markdown = `data:text/markdown;charset=utf-8,${encodeURIComponent(report.markdown)}`;
  return (
    <section className="stack" aria-labelledby="report-heading">
      <h2 id="report-heading" ref={heading} tabIndex={-1}>
        Report for {report.project ?? report.folder}
      </h2>
      <div className="cards">
        <div className="card">
          <p className="card-title">Score</p>
          <p className="report-score">
            {report.score}
            <span className="muted small"> / 100</span>
          </p>
          <ul className="report-counts">
            {Object.entries(VERDICTS).map(([verdict, v]) => (
              <li key={verdict}>
                <span className={`badge ${v.badge}`}>{v.label}</span>{" "}
                {report.counts[verdict as keyof typeof VERDICTS]}
              </li>
            ))}
          </ul>
        </div>
        <div className="card">
          <p className="card-title">What the import brings over</p>
          <dl className="facts">
            <dt>Documents</dt>
            <dd>{report.found.documents}</dd>
            <dt>Users</dt>
            <dd>{report.found.users}</dd>
            <dt>Storage files</dt>
            <dd>{report.found.storageFiles}</dd>
            <dt>Site files</dt>
            <dd>{report.found.siteFiles}</dd>
            <dt>Functions</dt>
            <dd>{report.found.functions}</dd>
          </dl>
        </div>
      </div>
      {report.blockers.length > 0 ? (
        <div className="callout callout-danger" role="alert">
          <p className="callout-title">
            {report.blockers.length === 1
              ? "1 problem stops the import: fix it first, nothing is written until then."
              : `${report.blockers.length} problems stop the import: fix them first, nothing is written until then.`}
          </p>
          <ul>
            {report.blockers.map((b, i) => (
              <li key={i}>
                <code>{b.where}</code> {b.detail}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <div className="callout" role="status">
          <p>Nothing blocks the import: run the commands below on your machine.</p>
        </div>
      )}
      <h3>Items</h3>
      <div className="report-toolbar">
        <div className="check">
          <input
            id="attention-only"
            type="checkbox"
            checked={attentionOnly}
            onChange={(e) =>
              setAttentionOnly((e.currentTarget as unknown as { checked: boolean }).checked)
            }
          />
          <label htmlFor="attention-only">Only what needs attention</label>
        </div>
        <a className="button button-quiet" href={markdown} download="firebase-import-report.md">
          Download the report (Markdown)
        </a>
      </div>
      {areas.length === 0 ? (
        <p className="muted">Everything maps cleanly.</p>
      ) : (
        areas.map((area) => (
          <div key={area} className="table-scroll">
            <table className="table" aria-label={`${area} items`}>
              <caption className="report-area">{area}</caption>
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Verdict</th>
                  <th scope="col">Where</th>
                  <th scope="col">What to know</th>
                </tr>
              </thead>
              <tbody>
                {shown
                  .filter((i) => i.area === area)
                  .map((item, i) => (
                    <tr key={i} data-verdict={item.verdict}>
                      <td>
                        <code>{item.name}</code>
                      </td>
                      <td>
                        <span className={`badge ${VERDICTS[item.verdict].badge}`}>
                          {VERDICTS[item.verdict].label}
                        </span>
                      </td>
                      <td>
                        <code>{where(item.source)}</code>
                      </td>
                      <td>
                        {item.detail}
                        {item.alternative ? (
                          <p className="muted small">Instead: {item.alternative}</p>
                        ) : null}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        ))
      )}
      {report.nextCommands.length > 0 ? (
        <>
          <h3>Next commands</h3>
          <pre className="report-commands">
            <code>{report.nextCommands.join("\n")}</code>
          </pre>
        </>
      ) : null}
    </section>
  );
}
