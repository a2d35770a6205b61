import { createChatModel, UsageMeter } from "@winky/llm";
import { createPromptGuard, fixedSecretValues } from "@winky/prompt-guard";
import { startScriptedOpenAI, type ScriptedOpenAI } from "@winky/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appDiff } from "./file-diff.js";
import { reviewDiffWithModel } from "./review-diff.js";

const before = {
  "firestore.rules": "match /notes/{id} {\n  allow read: if isOwner();\n}\n",
  "src/a.ts": "one\ntwo\nthree\nfour\nfive\nsix\nseven\n",
};
const after = {
  "firestore.rules": "match /notes/{id} {\n  allow read: if true;\n}\n",
  "src/a.ts": "one\ntwo\nthree\nFOUR\nfive\nsix\nseven\n",
  "src/new.ts": "export const x = 1;\n",
};

describe("the diff a model reviews", () => {
  it("shows changed lines with context, new files whole, deletions named", () => {
    const diff = appDiff(before, { ...after, "firestore.rules": before["firestore.rules"] });
    expect(diff).toBe(
      [
        "--- src/a.ts",
        "+++ src/a.ts",
        "@@ line 4 @@",
        " one",
        " two",
        " three",
        "-four",
        "+FOUR",
        " five",
        " six",
        " seven",
        "+++ src/new.ts (new)",
        "+export const x = 1;",
        "+",
      ].join("\n"),
    );
    expect(appDiff(before, { "src/a.ts": before["src/a.ts"] })).toBe(
      "--- firestore.rules (deleted)",
    );
    expect(appDiff({}, { big: "x".repeat(100) }, 50)).toMatch(/… \(diff cut at 50 characters\)$/);
  });
});

describe("reviewing a model's change with a model", () => {
  let server: ScriptedOpenAI;
  const review = () =>
    reviewDiffWithModel({
      model: createChatModel(
        { baseURL: server.url, apiKey: server.apiKey, model: "gpt-4o-mini" },
        { guard: createPromptGuard({ secrets: fixedSecretValues({}) }), maxRetries: 0 },
      ),
      meter: new UsageMeter({ inputPerMillion: 0, outputPerMillion: 0 }),
      task: "Rename the app.",
      before,
      after,
    });
  beforeAll(async () => {
    server = await startScriptedOpenAI();
  });
  beforeEach(() => server.reset());
  afterAll(async () => {
    await server.close();
  });

  it("returns the model's findings about the diff it was shown", async () => {
    server.enqueue({
      json: { ok: false, findings: ["firestore.rules: notes are readable by anyone"] },
    });
    expect(await review()).toEqual({
      ok: false,
      findings: ["firestore.rules: notes are readable by anyone"],
    });
    expect(server.requestsContaining("+  allow read: if true;")).toHaveLength(1);
  });

  it("sends back a review that fails without saying why", async () => {
    server.enqueue({ json: { ok: false, findings: [] } }, { json: { ok: true, findings: [] } });
    expect(await review()).toEqual({ ok: true, findings: [] });
    expect(server.requestsContaining("names at least one problem")).toHaveLength(1);
  });
});
