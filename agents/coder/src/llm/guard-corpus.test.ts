import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { generateApp } from "@winky/coder";
import { AppPlan, planOffline } from "@winky/planner";
import { describe, expect, it } from "vitest";
import { createPromptGuard, fixedSecretValues } from "@winky/prompt-guard";

/**
 * The prompt guard's false-positive check (here, beside the coder, because the guard's own
 * package cannot depend on the agents that depend on it): everything the LLM path sends that holds no secret must come
 * through unchanged. A guard that mangles an import path or a CSS value makes the model
 * "repair" code that was right.
 */
const root = path.resolve(import.meta.dirname, "../../../..");
const read = (...p: string[]) => readFileSync(path.join(root, ...p), "utf8");

function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })) {
    const file = path.join(dir, entry);
    if (!file.includes("node_modules") && statSync(path.join(root, file)).isFile())
      out[file] = read(file);
  }
  return out;
}

const corpusPrompts = readdirSync(path.join(root, "agents/planner/test/prompts")).flatMap(
  (f) =>
    JSON.parse(read("agents/planner/test/prompts", f)) as Array<{ id: string; prompt: string }>,
);
const heldOut = JSON.parse(read("agents/planner/test/held-out.json")) as Array<{ prompt: string }>;
const fixturePlans = ["notes", "shop", "chat", "events"].map((name) =>
  AppPlan.parse(JSON.parse(read("agents/coder/test/fixtures", `${name}.json`))),
);

/** Every text, by a label naming where it came from; the label is what a failure shows. */
function corpus(): Record<string, string> {
  const texts: Record<string, string> = { ...filesUnder("agents/templates/app") };
  texts["test/fixtures/llm-traffic.txt"] = read(
    "packages/prompt-guard/test/fixtures/llm-traffic.txt",
  );
  heldOut.forEach(({ prompt }, i) => (texts[`held-out[${i}]`] = prompt));
  const plans = [
    ...corpusPrompts.map(({ id, prompt }) => {
      texts[`prompt ${id}`] = prompt;
      return { id, plan: planOffline(prompt).plan };
    }),
    ...fixturePlans.map((plan) => ({ id: `fixture ${plan.appName}`, plan })),
  ];
  for (const { id, plan } of plans) {
    texts[`${id}: plan`] = JSON.stringify(plan, null, 2);
    for (const [file, text] of Object.entries(generateApp(plan).files))
      texts[`${id}: ${file}`] = text;
  }
  return texts;
}

describe("on text that holds no secret", () => {
  it("changes nothing: templates, 60 corpus prompts and their plans and apps, build and test output", async () => {
    const texts = corpus();
    const guard = createPromptGuard({ secrets: fixedSecretValues({}) });
    const changed: string[] = [];
    let chars = 0;
    const started = performance.now();
    for (const [label, text] of Object.entries(texts)) {
      chars += text.length;
      const { value, removed } = await guard.clean(text, label);
      for (const r of removed) changed.push(`${r.where}: ${r.kind}${r.name ? ` ${r.name}` : ""}`);
      if (removed.length === 0) expect(value).toBe(text);
    }
    const ms = performance.now() - started;
    console.log(
      `prompt-guard corpus: ${Object.keys(texts).length} texts, ${(chars / 1e6).toFixed(2)} MB, ` +
        `${changed.length} removals, ${ms.toFixed(0)} ms`,
    );
    expect(Object.keys(texts).length).toBeGreaterThan(4000);
    expect(changed).toEqual([]);
  });
});
