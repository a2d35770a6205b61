import { describe, expect, it } from "vitest";
import {
  escapeMrkdwn,
  failureHeadline,
  MESSAGE_LIMITS,
  regressionFailureMessage,
  type RegressionFailureNotice,
} from "./failure-message.js";

const NOTICE: RegressionFailureNotice = {
  appName: "Team Notes",
  project: "team-notes",
  url: "http://team-notes.localhost:4000/",
  runId: "0b7c5c4e-8f1a-4d3e-9a51-0c1d2e3f4a5b",
  summary: "1 of 2 smoke scenarios failed",
  passed: 1,
  failed: 1,
  findings: ["smoke scenario failed: writes a note: Missing or insufficient permissions."],
  commitSha: "3f2a9c1d4e5b6a7980112233445566778899aabb",
};

const sectionText = (notice: RegressionFailureNotice) => {
  const [section] = regressionFailureMessage(notice).blocks;
  if (section?.type !== "section") throw new Error("the first block is not a section");
  return section.text.text;
};

describe("regressionFailureMessage", () => {
  it("is Slack's incoming-webhook JSON: a text fallback and mrkdwn blocks", () => {
    const message = regressionFailureMessage(NOTICE);
    expect(message.text).toBe(
      "Regression failed: Team Notes (project team-notes): 1 of 2 smoke scenarios failed. " +
        "http://team-notes.localhost:4000/",
    );
    expect(message.blocks).toEqual([
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: [
            ":red_circle: *Regression failed: <http://team-notes.localhost:4000/|Team Notes>*",
            "Project `team-notes` · 1 of 2 smoke scenarios failed",
            "• smoke scenario failed: writes a note: Missing or insufficient permissions.",
          ].join("\n"),
        },
      },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `Run ${NOTICE.runId} · commit \`3f2a9c1d4e5b\` · Winky-Coder regression check`,
          },
        ],
      },
    ]);
    // What the webhook receives survives a JSON round trip unchanged.
    expect(JSON.parse(JSON.stringify(message))).toEqual(message);
  });

  it("lists the first few findings, one line each, and counts the rest", () => {
    const long = `smoke scenario failed: ${"x".repeat(1000)}\n  at line 2`;
    const text = sectionText({ ...NOTICE, findings: [long, "second", "third", "fourth", "fifth"] });
    const bullets = text.split("\n").filter((line) => line.startsWith("• "));
    expect(bullets).toHaveLength(MESSAGE_LIMITS.findings);
    expect(bullets[0]).toHaveLength(2 + MESSAGE_LIMITS.findingChars);
    expect(bullets[0]!.endsWith("…")).toBe(true);
    expect(text).not.toContain("at line 2");
    expect(text.split("\n").at(-1)).toBe("_…and 2 more findings_");
    expect(text.length).toBeLessThan(3000);
  });

  it("escapes findings so quoted markup is neither a link nor a mention", () => {
    const text = sectionText({
      ...NOTICE,
      findings: ["expected <button> & <!channel> in <http://x|y>"],
    });
    expect(text).toContain(
      "• expected &lt;button&gt; &amp; &lt;!channel&gt; in &lt;http://x|y&gt;",
    );
  });

  it("drops terminal colours from findings", () => {
    const text = sectionText({
      ...NOTICE,
      findings: ["build failed: \u001b[31m[builtin:vite-transform] \u001b[0mUnexpected token"],
    });
    expect(text).toContain("• build failed: [builtin:vite-transform] Unexpected token");
  });

  it("keeps the app's link in one piece when its URL holds | or >", () => {
    const text = sectionText({ ...NOTICE, url: "https://ex.test/a|b>c?x=1&y=2", appName: "A|B" });
    expect(text).toContain("<https://ex.test/a%7Cb%3Ec?x=1&amp;y=2|A B>");
  });

  it("links nothing that is not http(s)", () => {
    const text = sectionText({ ...NOTICE, url: "javascript:alert(1)" });
    expect(text.split("\n")[0]).toBe(":red_circle: *Regression failed: Team Notes*");
  });

  it("says why when no scenario ran, instead of 0 of 0", () => {
    const notice = {
      ...NOTICE,
      passed: 0,
      failed: 0,
      summary: "vite build failed: src/main.tsx(3,1): error",
    };
    expect(regressionFailureMessage(notice).text).toContain(
      "the smoke suite did not pass: vite build failed",
    );
  });
});

describe("failureHeadline", () => {
  it("counts failed scenarios out of all that ran", () => {
    expect(failureHeadline({ summary: "", passed: 3, failed: 2 })).toBe(
      "2 of 5 smoke scenarios failed",
    );
  });
});

describe("escapeMrkdwn", () => {
  it("escapes exactly &, < and >", () => {
    expect(escapeMrkdwn("a & b < c > d *e* _f_ `g`")).toBe("a &amp; b &lt; c &gt; d *e* _f_ `g`");
  });
});
