import type { ChatOpenAI } from "@langchain/openai";
import { askForObject, type UsageMeter } from "@winky/llm";
import { z } from "zod";
import { appDiff } from "./file-diff.js";

const ModelReview = z.object({
  ok: z.boolean(),
  /** Each problem in one sentence, naming the file. */
  findings: z.array(z.string().min(1).max(500)).max(30),
});

const INSTRUCTIONS = [
  "You review a change a model made to a generated web app (React + @winky/sdk, Firestore-like",
  "security rules). Report only real problems: rules that let someone read or write data the",
  "plan keeps from them, secrets or keys in code, auth checks removed, code that cannot compile",
  "or does not do what the task asked. Style is not a problem. Answer ok: true with no findings",
  "when the change is sound.",
].join("\n");

/**
 * The reviewer's model path: a second reading of the model's edits (the diff from the
 * templated app), on top of the static review. Its findings go back to the coder like any
 * check's.
 *
 * @throws StructuredAnswerError when the model gives no readable review.
 * @throws BudgetExceededError when the run's budget is spent.
 */
export async function reviewDiffWithModel(request: {
  model: ChatOpenAI;
  meter: UsageMeter;
  task: string;
  before: Readonly<Record<string, string>>;
  after: Readonly<Record<string, string>>;
}): Promise<{ ok: boolean; findings: string[] }> {
  const { value } = await askForObject({
    model: request.model,
    schema: ModelReview,
    name: "review",
    validate: (answer) => {
      const review = ModelReview.parse(answer);
      if (!review.ok && review.findings.length === 0) {
        throw new Error("findings: a review that is not ok names at least one problem");
      }
      return review;
    },
    messages: [
      { role: "system", content: INSTRUCTIONS },
      {
        role: "user",
        content: `The task was:\n${request.task}\n\nThe change:\n${appDiff(request.before, request.after)}`,
      },
    ],
    meter: request.meter,
    node: "review",
  });
  return value;
}
