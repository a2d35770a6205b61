import { BudgetExceededError, createChatModel, UsageMeter } from "@winky/llm";
import { createPromptGuard, fixedSecretValues } from "@winky/prompt-guard";
import { startScriptedOpenAI, type ScriptedOpenAI } from "@winky/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { editWithModel } from "./edit-with-model.js";

/** The coder's tool-calling loop through ChatOpenAI against the scripted server. */
describe("editing an app with a model", () => {
  let server: ScriptedOpenAI;
  const planted = ["edit", "test", "smtp"].join("-") + "-Pw93kXq1";
  const guard = createPromptGuard({ secrets: fixedSecretValues({ SMTP_PASSWORD: planted }) });
  const files = {
    "README.md": "# Notes\n\nA notes app.\n",
    "src/config.ts": `export const smtp = "${planted}";\n`,
  };
  const edit = (
    maxSteps?: number,
    meter = new UsageMeter({ inputPerMillion: 0, outputPerMillion: 0 }),
  ) =>
    editWithModel({
      model: createChatModel(
        {
          baseURL: server.url,
          apiKey: server.apiKey,
          model: "gpt-4o-mini",
        },
        { guard, maxRetries: 0 },
      ),
      meter,
      files,
      task: "Call the app My Notes.",
      ...(maxSteps ? { maxSteps } : {}),
    });
  const call = (name: string, args: Record<string, unknown>) => ({
    toolCalls: [{ name, arguments: args }],
  });

  beforeAll(async () => {
    server = await startScriptedOpenAI();
  });
  beforeEach(() => server.reset());
  afterAll(async () => {
    await server.close();
  });

  it("applies exact edits and new files, and hands bad edits back as errors to fix", async () => {
    server.enqueue(
      call("replace_in_file", { path: "README.md", search: "# Notes", replace: "# My Notes" }),
      call("replace_in_file", { path: "README.md", search: "not in the file", replace: "x" }),
      call("create_file", { path: "../escape.ts", content: "x" }),
      call("create_file", { path: "README.md", content: "overwritten" }),
      {
        toolCalls: [
          {
            name: "create_file",
            arguments: { path: "src/lib/title.ts", content: 'export const title = "My Notes";\n' },
          },
          { name: "finish", arguments: { summary: "renamed the app" } },
        ],
      },
    );
    const result = await edit();
    expect(result).toMatchObject({
      summary: "renamed the app",
      steps: 5,
      changed: ["README.md", "src/lib/title.ts"],
    });
    expect(result.files["README.md"]).toBe("# My Notes\n\nA notes app.\n");
    expect(result.files["../escape.ts"]).toBeUndefined();
    expect(files["README.md"]).toBe("# Notes\n\nA notes app.\n"); // the input is not changed
    const sent = (i: number) => JSON.stringify(server.requests[i]!.body);
    expect(sent(2)).toContain("the search text is not in README.md");
    expect(sent(3)).toContain("no empty, . or .. segments");
    expect(sent(4)).toContain("README.md exists; edit it with replace_in_file");
  });

  it("stops at the step limit, and at the budget", async () => {
    for (let i = 0; i < 3; i++) server.enqueue(call("list_files", {}));
    expect(await edit(3)).toMatchObject({ summary: "stopped after 3 model calls", changed: [] });
    server.enqueue({
      ...call("list_files", {}),
      usage: { prompt_tokens: 900, completion_tokens: 200 },
    });
    const meter = new UsageMeter({ inputPerMillion: 0, outputPerMillion: 0 }, { maxTokens: 1000 });
    await expect(edit(5, meter)).rejects.toBeInstanceOf(BudgetExceededError);
    expect(server.pending).toBe(0);
  });

  it("never sends a secret a file holds, when the model reads that file", async () => {
    server.enqueue(
      call("read_file", { path: "src/config.ts" }),
      call("finish", { summary: "read" }),
    );
    await edit();
    expect(server.requestsContaining(planted)).toEqual([]);
    expect(JSON.stringify(server.requests[1]!.body)).toContain("[redacted: secret SMTP_PASSWORD]");
  });
});
