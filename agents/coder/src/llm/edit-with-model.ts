import {
  HumanMessage,
  SystemMessage,
  ToolMessage,
  type BaseMessage,
} from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import type { ChatOpenAI } from "@langchain/openai";
import type { UsageMeter } from "@winky/llm";
import { z } from "zod";
import { createFile, readFileTool, replaceInFile, type AppFiles } from "./file-edits.js";

export interface EditRequest {
  model: ChatOpenAI;
  meter: UsageMeter;
  /** The app as the templates (or the last round) left it. */
  files: Readonly<AppFiles>;
  /** What to change, for the model: the person's request, or a failed check's findings. */
  task: string;
  /** The conversation's limit in model calls (default 12). */
  maxSteps?: number;
}

export interface EditResult {
  files: AppFiles;
  /** The paths changed or created, in order. */
  changed: string[];
  /** The model's closing summary, or why the loop stopped. */
  summary: string;
  steps: number;
}

const INSTRUCTIONS = [
  "You edit a generated React + Vite + TypeScript app that talks to its backend only through @winky/sdk.",
  "Use the tools: list_files, read_file, replace_in_file (exact text, which must occur once in the",
  "file), create_file (new files only). Make the smallest edits that do the task; keep the app's",
  "style; never weaken security rules (firestore.rules, storage.rules) or put secrets in code.",
  "Call finish with a one-line summary when done.",
].join("\n");

/**
 * The coder's model path: a tool-calling loop over the app's files in memory. The model reads
 * and edits through four tools and ends with `finish`; a bad edit comes back to it as an error
 * to correct, never as a broken file. Every call is metered against the run's budget.
 *
 * @throws BudgetExceededError when the budget is spent (the files so far are not returned).
 */
export async function editWithModel(request: EditRequest): Promise<EditResult> {
  const files: AppFiles = { ...request.files };
  const changed: string[] = [];
  const note = (result: string, path: string) => {
    if (result.startsWith("ok:") && !changed.includes(path)) changed.push(path);
    return result;
  };
  let summary: string | undefined;
  const tools = [
    tool(async () => Object.keys(files).sort().join("\n"), {
      name: "list_files",
      description: "The app's file paths, one per line.",
      schema: z.object({}),
    }),
    tool(async ({ path }) => readFileTool(files, path), {
      name: "read_file",
      description: "A file's whole text.",
      schema: z.object({ path: z.string() }),
    }),
    tool(
      async ({ path, search, replace }) => note(replaceInFile(files, path, search, replace), path),
      {
        name: "replace_in_file",
        description: "Replaces the exact text `search`, which must occur once, with `replace`.",
        schema: z.object({ path: z.string(), search: z.string(), replace: z.string() }),
      },
    ),
    tool(async ({ path, content }) => note(createFile(files, path, content), path), {
      name: "create_file",
      description: "Creates a new file; fails when it exists.",
      schema: z.object({ path: z.string(), content: z.string() }),
    }),
    tool(async ({ summary: text }) => ((summary = text), "ok"), {
      name: "finish",
      description: "Ends the edits with a one-line summary.",
      schema: z.object({ summary: z.string() }),
    }),
  ];
  // Each tool takes its own arguments; the loop hands them over as the model sent them, and a
  // tool's schema rejects what does not fit (the model reads the error and tries again).
  const byName = new Map<string, { invoke(args: unknown): Promise<unknown> }>(
    tools.map((t) => [t.name, t as unknown as { invoke(args: unknown): Promise<unknown> }]),
  );
  const model = request.model.bindTools(tools);
  const messages: BaseMessage[] = [new SystemMessage(INSTRUCTIONS), new HumanMessage(request.task)];
  const maxSteps = request.maxSteps ?? 12;
  for (let step = 1; step <= maxSteps; step++) {
    request.meter.check();
    const reply = await model.invoke(messages);
    request.meter.charge("code", {
      inputTokens: reply.usage_metadata?.input_tokens ?? 0,
      outputTokens: reply.usage_metadata?.output_tokens ?? 0,
    });
    messages.push(reply);
    const calls = reply.tool_calls ?? [];
    if (calls.length === 0) {
      return {
        files,
        changed,
        summary: textOf(reply.content) || "the model stopped without finish",
        steps: step,
      };
    }
    for (const call of calls) {
      const found = byName.get(call.name);
      const output = found
        ? await found
            .invoke(call.args)
            .then(String, (e: unknown) => `error: ${(e as Error).message}`)
        : `error: there is no tool ${call.name}`;
      messages.push(new ToolMessage({ content: output, tool_call_id: call.id ?? call.name }));
    }
    if (summary !== undefined) return { files, changed, summary, steps: step };
  }
  return { files, changed, summary: `stopped after ${maxSteps} model calls`, steps: maxSteps };
}

function textOf(content: unknown): string {
  return typeof content === "string" ? content.trim() : "";
}
