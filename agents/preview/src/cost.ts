import type { AppPlan } from "@winky/planner";

/** Prices of an OpenAI-compatible model, in dollars per million tokens. */
export interface ModelPricing {
  model: string;
  inputPerMillion: number;
  outputPerMillion: number;
}

/**
 * What each unit of runtime use costs, for a dollar figure people can compare: by default
 * Firebase's Blaze list prices (us-central1), since that is what prototypes are weighed
 * against. Self-hosting costs the machine instead; the resource counts say how big it must be.
 */
export interface UnitPrices {
  per100kReads: number;
  per100kWrites: number;
  perGbStoredDocuments: number;
  perGbStoredFiles: number;
  perMillionInvocations: number;
}
export const REFERENCE_PRICES: UnitPrices = {
  per100kReads: 0.06,
  per100kWrites: 0.18,
  perGbStoredDocuments: 0.18,
  perGbStoredFiles: 0.026,
  perMillionInvocations: 0.4,
};

export interface CostEstimate {
  llm: { model: string; inputTokens: number; outputTokens: number; dollars: number } | null;
  runtime: {
    users: number;
    readsPerMonth: number;
    writesPerMonth: number;
    documentsAfterAMonth: number;
    documentStorageGb: number;
    fileStorageGb: number;
    functionInvocationsPerMonth: number;
    dollarsPerMonth: number;
  };
  /** How the figures were reached, in words: estimates, not quotes. */
  assumptions: string[];
}

const DAYS = 30;
const tokensOf = (chars: number) => Math.ceil(chars / 4);

/**
 * Estimates what building the app costs in LLM tokens (none with the offline engine) and what
 * running it costs per month for `users` active users, from the plan and the files it will have.
 */
export function estimateCost(
  plan: AppPlan,
  options: {
    prompt: string;
    files: ReadonlyArray<{ path: string; bytes: number }>;
    users?: number;
    llm?: ModelPricing;
    prices?: UnitPrices;
  },
): CostEstimate {
  const users = options.users ?? 100;
  const prices = options.prices ?? REFERENCE_PRICES;
  const planChars = JSON.stringify(plan).length;
  const assumptions = [
    `${users} active users a month, each opening 10 list screens a day (20 documents read each)`,
    "each user creates 2 documents of every top-level model a day; documents average 1 KB",
  ];

  let llm: CostEstimate["llm"] = null;
  if (options.llm) {
    // Planner: the prompt and instructions in, the plan out. Coder: the plan and one file's
    // context in per file, the file out. Reviewer: the code in, findings out. Half a repair
    // round on average.
    const codeChars = options.files.reduce((n, f) => n + f.bytes, 0);
    const inputTokens = Math.ceil(
      (tokensOf(options.prompt.length) +
        1500 +
        options.files.length * (tokensOf(planChars) + 800) +
        tokensOf(codeChars)) *
        1.5,
    );
    const outputTokens = Math.ceil((tokensOf(planChars) + tokensOf(codeChars) + 1000) * 1.5);
    const dollars =
      (inputTokens * options.llm.inputPerMillion + outputTokens * options.llm.outputPerMillion) /
      1e6;
    llm = { model: options.llm.model, inputTokens, outputTokens, dollars: round(dollars, 4) };
    assumptions.push("LLM tokens: ~4 characters a token, half a repair round on average");
  }

  const topLevel = plan.models.filter((m) => !m.parent).length;
  const children = plan.models.length - topLevel;
  const writesPerDay = users * (2 * topLevel + 5 * children);
  const readsPerDay = users * 10 * 20;
  const documents = writesPerDay * DAYS;
  const triggers = plan.functions.filter((f) => f.trigger.kind === "document").length;
  const scheduled = plan.functions.filter((f) => f.trigger.kind === "schedule").length;
  const invocations =
    writesPerDay * DAYS * triggers +
    scheduled * 24 * DAYS +
    users * 2 * DAYS * plan.functions.filter((f) => f.trigger.kind === "callable").length;
  const fileGb = plan.storage.enabled ? (users * DAYS * 1) / 1024 : 0;
  if (plan.storage.enabled) assumptions.push("each user uploads one 1 MB file a day");
  if (plan.models.some((m) => m.realtime))
    assumptions.push(
      "realtime lists hold one listener per open screen: no extra reads beyond changes",
    );
  const documentGb = documents / (1024 * 1024);
  const dollarsPerMonth =
    ((readsPerDay * DAYS) / 1e5) * prices.per100kReads +
    ((writesPerDay * DAYS) / 1e5) * prices.per100kWrites +
    documentGb * prices.perGbStoredDocuments +
    fileGb * prices.perGbStoredFiles +
    (invocations / 1e6) * prices.perMillionInvocations;
  return {
    llm,
    runtime: {
      users,
      readsPerMonth: readsPerDay * DAYS,
      writesPerMonth: writesPerDay * DAYS,
      documentsAfterAMonth: documents,
      documentStorageGb: round(documentGb, 3),
      fileStorageGb: round(fileGb, 3),
      functionInvocationsPerMonth: invocations,
      dollarsPerMonth: round(dollarsPerMonth, 2),
    },
    assumptions,
  };
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
