import type { ModelPrices } from "./llm-config.js";

/** Tokens one call used, as the model reported them. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** What a run may spend on models; absent limits do not apply. */
export interface Budget {
  maxTokens?: number;
  maxDollars?: number;
  /** Wall time since the meter was made (the run's start). */
  maxMs?: number;
}

/** A run that would spend more than its budget; the run stops, the message says which limit. */
export class BudgetExceededError extends Error {
  override readonly name = "BudgetExceededError";
  constructor(
    readonly limit: "tokens" | "dollars" | "time",
    message: string,
  ) {
    super(message);
  }
}

export interface NodeUsage extends TokenUsage {
  calls: number;
  dollars: number;
}

/**
 * Token usage and cost per pipeline node, and the run's budget. `check` runs before each call
 * (a call is never started once the budget is spent) and `charge` after it (the call that went
 * over is recorded, then the run stops).
 */
export class UsageMeter {
  private readonly nodes = new Map<string, NodeUsage>();
  private readonly started = Date.now();

  /**
   * @param spent what the run spent before this process took it over (a resumed run's usage,
   *   from its log), so a crash never resets the budget.
   */
  constructor(
    private readonly prices: ModelPrices,
    private readonly budget: Budget = {},
    spent: Readonly<Record<string, NodeUsage>> = {},
  ) {
    for (const [node, usage] of Object.entries(spent)) this.nodes.set(node, { ...usage });
  }

  /** @throws BudgetExceededError when a limit is already reached. */
  check(): void {
    const total = this.total();
    const { maxTokens, maxDollars, maxMs } = this.budget;
    if (maxTokens !== undefined && total.inputTokens + total.outputTokens >= maxTokens) {
      throw new BudgetExceededError(
        "tokens",
        `the run used ${total.inputTokens + total.outputTokens} tokens; its budget is ${maxTokens}`,
      );
    }
    if (maxDollars !== undefined && total.dollars >= maxDollars) {
      throw new BudgetExceededError(
        "dollars",
        `the run spent $${total.dollars.toFixed(4)} on the model; its budget is $${maxDollars}`,
      );
    }
    if (maxMs !== undefined && Date.now() - this.started >= maxMs) {
      throw new BudgetExceededError("time", `the run has taken longer than ${maxMs} ms`);
    }
  }

  /** Records a call's usage under `node`. @throws BudgetExceededError once over a limit. */
  charge(node: string, usage: TokenUsage): void {
    const entry = this.nodes.get(node) ?? { calls: 0, inputTokens: 0, outputTokens: 0, dollars: 0 };
    entry.calls += 1;
    entry.inputTokens += usage.inputTokens;
    entry.outputTokens += usage.outputTokens;
    entry.dollars +=
      (usage.inputTokens * this.prices.inputPerMillion +
        usage.outputTokens * this.prices.outputPerMillion) /
      1_000_000;
    this.nodes.set(node, entry);
    this.check();
  }

  byNode(): Record<string, NodeUsage> {
    return Object.fromEntries([...this.nodes].map(([n, u]) => [n, { ...u }]));
  }

  total(): NodeUsage {
    const sum = { calls: 0, inputTokens: 0, outputTokens: 0, dollars: 0 };
    for (const u of this.nodes.values()) {
      sum.calls += u.calls;
      sum.inputTokens += u.inputTokens;
      sum.outputTokens += u.outputTokens;
      sum.dollars += u.dollars;
    }
    return sum;
  }
}
