import { beforeEach, describe, expect, it, vi } from "vitest";

// The reading itself is held open here, so the line's length is the test's to decide.
const held: Array<() => void> = [];
vi.mock("@winky/firebase-import", () => ({
  inspectFirebaseProject: async (dir: string, options: { shownAs: string }) => {
    await new Promise<void>((release) => held.push(release));
    const unreadable = { area: "data", detail: `cannot read ${dir}/firestore-data/a.json` };
    return {
      report: {
        projectDir: options.shownAs,
        items: [unreadable],
        counts: {},
        score: 0,
        nextCommands: [`winky rules check ${options.shownAs}/firestore.rules`],
      },
      blockers: [],
      data: null,
      auth: null,
      storage: null,
      site: null,
      winkyFunctions: null,
      functionDeploys: [],
    };
  },
  formatSource: () => "",
  renderMarkdown: () => "",
}));

const { MAX_WAITING_REPORTS, ReportsBusy, reportOfUploadedFolder } =
  await import("./firebase-report.js");
const { UploadProblem } = await import("./uploaded-folder.js");

const FILES = [{ path: "firebase.json", base64: Buffer.from("{}").toString("base64") }];
const settle = () => new Promise((r) => setTimeout(r, 20));

/** The report of `folder`, its reading released as soon as it starts. */
async function readAlone(folder: string) {
  const report = reportOfUploadedFolder(folder, FILES);
  await settle();
  held.shift()!();
  return report;
}

describe("reportOfUploadedFolder", () => {
  beforeEach(() => void held.splice(0));

  it("reads one folder at a time, lets three wait, and refuses the next until the line moves", async () => {
    const first = reportOfUploadedFolder("a", FILES);
    const waiting = Array.from({ length: MAX_WAITING_REPORTS }, () =>
      reportOfUploadedFolder("b", FILES),
    );
    await settle();
    expect(held).toHaveLength(1); // one at a time
    await expect(reportOfUploadedFolder("c", FILES)).rejects.toBeInstanceOf(ReportsBusy);
    held.shift()!();
    expect((await first).nextCommands).toEqual(["winky rules check a/firestore.rules"]);
    // The line moved: one more may wait.
    const next = reportOfUploadedFolder("d", FILES);
    for (let i = 0; i < MAX_WAITING_REPORTS + 1; i++) {
      await settle();
      held.shift()!();
    }
    await Promise.all(waiting);
    expect((await next).folder).toBe("d");
  });

  it("refuses a bad upload before it waits in line", async () => {
    const first = reportOfUploadedFolder("a", FILES);
    await settle();
    const bad = reportOfUploadedFolder("b", [{ path: "../x", base64: "" }]);
    await expect(bad).rejects.toBeInstanceOf(UploadProblem);
    held.shift()!();
    await first;
  });

  it("names the sender's folder everywhere, even one spelt like a replacement pattern", async () => {
    const view = await readAlone("a$&b");
    expect(view.items[0]!.detail).toBe("cannot read a$&b/firestore-data/a.json");
    expect(JSON.stringify(view)).not.toContain("winky-firebase-report-");
  });

  it("names a folder starting with - as ./-name, so commands do not read it as an option", async () => {
    expect((await readAlone("-x")).nextCommands).toEqual([
      "winky rules check ./-x/firestore.rules",
    ]);
  });
});
