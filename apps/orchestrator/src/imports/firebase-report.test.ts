import { beforeEach, describe, expect, it, vi } from "vitest";

// The reading itself is held open here, so the line's length is the test's to decide.
const held: Array<() => void> = [];
vi.mock("@winky/firebase-import", () => ({
  inspectFirebaseProject: async (dir: string) => {
    await new Promise<void>((release) => held.push(release));
    return {
      report: {
        projectDir: dir,
        items: [],
        counts: {},
        score: 0,
        nextCommands: [`winky rules check ${dir}/firestore.rules`],
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

const { MAX_WAITING_REPORTS, ReportsBusy, reportOfUploadedFolder, shellWord } =
  await import("./firebase-report.js");
const { UploadProblem } = await import("./uploaded-folder.js");

const FILES = [{ path: "firebase.json", base64: Buffer.from("{}").toString("base64") }];
const settle = () => new Promise((r) => setTimeout(r, 20));

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
    const next = reportOfUploadedFolder("d d", FILES);
    for (let i = 0; i < MAX_WAITING_REPORTS + 1; i++) {
      await settle();
      held.shift()!();
    }
    await Promise.all(waiting);
    expect((await next).nextCommands).toEqual(["winky rules check 'd d/firestore.rules'"]);
  });

  it("refuses a bad upload before it waits in line", async () => {
    const first = reportOfUploadedFolder("a", FILES);
    await settle();
    await expect(
      reportOfUploadedFolder("b", [{ path: "../x", base64: "" }]),
    ).rejects.toBeInstanceOf(UploadProblem);
    held.shift()!();
    await first;
  });

  it("quotes a path that needs it as one shell word", () => {
    expect(shellWord("notes/firestore.rules")).toBe("notes/firestore.rules");
    expect(shellWord("My notes/it's.rules")).toBe("'My notes/it'\\''s.rules'");
  });
});
