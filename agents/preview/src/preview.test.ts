import { describe, expect, it } from "vitest";
import { NOTES_PLAN } from "../test/notes-plan.js";
import { estimateCost } from "./cost.js";
import { fileTree, renderTree } from "./file-tree.js";
import { buildPreview } from "./preview.js";
import { wireframes } from "./wireframe/index.js";

const FILES = [
  { path: "src/models/note.ts", bytes: 1200 },
  { path: "src/main.tsx", bytes: 400 },
  { path: "firestore.rules", bytes: 900 },
  { path: "src/screens/NoteList.tsx", bytes: 2400 },
];

describe("wireframes", () => {
  it("draw every planned screen once, with a file name of its own", () => {
    const frames = wireframes(NOTES_PLAN);
    expect(frames.map((f) => f.route)).toEqual(NOTES_PLAN.screens.map((s) => s.route));
    expect(frames.map((f) => f.file)).toEqual([
      "screens/sign-in.png",
      "screens/sign-up.png",
      "screens/notes.png",
      "screens/notes-new.png",
      "screens/notes-id.png",
      "screens/notes-id-edit.png",
    ]);
    for (const f of frames) {
      expect(f.svg).toMatch(
        /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="375" height="667"/,
      );
      expect(f.svg).toContain(NOTES_PLAN.theme.primary);
    }
  });

  it("show what each kind of screen holds", () => {
    const [signIn, , list, create, detail] = wireframes(NOTES_PLAN);
    expect(signIn!.svg).toContain(">Sign in<");
    expect(list!.svg).toContain("Search…");
    expect(create!.svg).toContain("Title *");
    expect(create!.svg).toContain("⬆ Upload");
    expect(create!.svg).not.toContain(">Owner"); // the owner is set by the app, not typed
    expect(detail!.svg).toContain(">Body<");
  });

  it("escape what the plan says, and tell duplicate routes apart", () => {
    const plan = structuredClone(NOTES_PLAN);
    plan.title = `Tom & Jerry's <notes>`;
    plan.screens.push({ route: "/notes", kind: "dashboard", title: "Again" });
    const frames = wireframes(plan);
    expect(frames[0]!.svg).toContain("Tom &#38; Jerry&#39;s &#60;notes&#62;");
    expect(frames[0]!.svg).not.toContain("<notes>");
    expect(frames.at(-1)!.file).toBe("screens/notes-2.png");
  });
});

describe("the file tree", () => {
  it("nests directories first, then files, sorted", () => {
    const tree = fileTree(["src/b.ts", "README.md", "src/a/x.ts", "src/b.ts"], "app");
    expect(renderTree(tree)).toBe(
      ["app", "├── src/", "│   ├── a/", "│   │   └── x.ts", "│   └── b.ts", "└── README.md"].join(
        "\n",
      ),
    );
  });
});

describe("the cost estimate", () => {
  it("costs no tokens offline and counts runtime use per month", () => {
    const cost = estimateCost(NOTES_PLAN, { prompt: "a notes app", files: FILES, users: 100 });
    expect(cost.llm).toBeNull();
    expect(cost.runtime).toMatchObject({
      users: 100,
      writesPerMonth: 100 * 2 * 30,
      readsPerMonth: 100 * 200 * 30,
      functionInvocationsPerMonth: 0,
      fileStorageGb: Math.round(((100 * 30) / 1024) * 1000) / 1000,
    });
    expect(cost.runtime.dollarsPerMonth).toBeGreaterThan(0);
    expect(cost.assumptions.join(" ")).toContain("1 MB file a day");
  });

  it("prices tokens when an LLM builds the app", () => {
    const llm = { model: "gpt-test", inputPerMillion: 2, outputPerMillion: 8 };
    const cost = estimateCost(NOTES_PLAN, { prompt: "a notes app", files: FILES, llm });
    expect(cost.llm!.inputTokens).toBeGreaterThan(FILES.length * 800);
    expect(cost.llm!.dollars).toBeCloseTo(
      (cost.llm!.inputTokens * 2 + cost.llm!.outputTokens * 8) / 1e6,
      4,
    );
  });
});

describe("the preview", () => {
  it("puts screens, tree, cost and the plan's assumptions together", () => {
    const preview = buildPreview(NOTES_PLAN, { prompt: "a notes app", files: FILES });
    expect(preview.screens).toHaveLength(6);
    expect(preview.treeText.split("\n")[0]).toBe("notes");
    expect(preview.assumptions).toEqual(["Notes are private to their author."]);
  });
});
