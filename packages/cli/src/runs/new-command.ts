import { newAppSlug, promptProblem, type RunProgress } from "@winky/orchestrator";
import { llmConfigFrom } from "@winky/llm";
import { isPlannerRefusal, planOffline } from "@winky/planner";
import { ExitCode, type CliIo } from "../io.js";
import { assertEmptyOutDir, writeAppFiles } from "./app-files.js";
import { runToEnd } from "./run-to-end.js";
import type { NewOptions } from "./run-options.js";

/**
 * `winky new "<prompt>"`: a generation run from prompt to deployed app, with the offline engine
 * or a configured model. A prompt that cannot be an app is answered at once, before any server
 * starts.
 */
export async function runNewCommand(options: NewOptions, io: CliIo): Promise<number> {
  const began = Date.now();
  const refuse = (code: string, message: string, exitCode: number) => {
    if (options.json)
      io.out(`${JSON.stringify({ status: "refused", error: { code, message } })}\n`);
    else io.err(`winky new: ${message}\n`);
    return exitCode;
  };
  const problem = promptProblem(options.prompt);
  if (problem) return refuse("bad-prompt", problem, ExitCode.usage);
  try {
    planOffline(options.prompt);
  } catch (e) {
    if (!isPlannerRefusal(e)) throw e;
    return refuse(`refused-${e.code}`, e.reason, ExitCode.failure);
  }
  if (options.outDir) await assertEmptyOutDir(options.outDir);
  if (options.engine === "model" && !llmConfigFrom(io.env)) {
    const message =
      "--engine model needs OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (a compatible server)";
    return refuse("no-model", message, ExitCode.usage);
  }

  return runToEnd(options, io, began, async ({ stack, say, drive }) => {
    const appSlug = await newAppSlug(stack.pool, options.prompt, options.name);
    // A model when one is configured, unless --engine says otherwise.
    const engine = options.engine ?? (stack.model ? "model" : "offline");
    const service = stack.serviceFor(engine);
    const runId = await service.create({
      teamId: stack.teamId,
      appSlug,
      appName: appSlug,
      prompt: options.prompt,
      engine,
      ...(engine === "model" && stack.model ? { model: stack.model } : {}),
    });
    say(
      `Run ${runId}: ${appSlug} (${engine === "model" ? `model ${stack.model}` : "offline engine"})\n`,
    );
    const progress: RunProgress = await drive(runId, service, () => service.start(runId));
    const files = (await stack.service.state(runId))?.files;
    if (options.outDir && files) {
      const n = await writeAppFiles(options.outDir, files);
      say(`✓ Wrote ${n} files to ${options.outDir}\n`);
    }
    return progress;
  });
}
