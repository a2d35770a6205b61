// The smoke check as the report's last section.
import type { SmokeResult } from "./smoke-check.js";

export function renderSmoke(smoke: SmokeResult): string {
  const lines = [
    `## Smoke check of ${smoke.project}: ${smoke.ok ? "everything arrived" : "COUNTS DIFFER"}`,
    "",
    "| what | in the source | in the project | |",
    "| --- | ---: | ---: | --- |",
    ...smoke.counts.map(
      (c) =>
        `| ${c.what} | ${c.source} | ${c.imported} | ${c.source === c.imported ? "ok" : "**differs**"} |`,
    ),
  ];
  if (smoke.decisions.length > 0) {
    lines.push(
      "",
      "The deployed rules on requests built from the data (check that each verdict is what the app needs):",
      "",
      "| request | as | verdict | because |",
      "| --- | --- | --- | --- |",
      ...smoke.decisions.map(
        (d) =>
          `| ${d.service === "storage" ? "storage " : ""}\`${d.request}\` | ${d.who} | ${d.allowed ? "allowed" : "denied"} | ${d.because.replace(/\|/g, "\\|")} |`,
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}
