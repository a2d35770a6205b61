import { describe, expect, it } from "vitest";
import { BudgetExceededError, UsageMeter } from "./usage-meter.js";

describe("the usage meter", () => {
  const prices = { inputPerMillion: 2, outputPerMillion: 8 };

  it("adds up tokens and dollars per node", () => {
    const meter = new UsageMeter(prices);
    meter.charge("plan", { inputTokens: 1_000_000, outputTokens: 0 });
    meter.charge("code", { inputTokens: 500_000, outputTokens: 250_000 });
    meter.charge("code", { inputTokens: 0, outputTokens: 250_000 });
    expect(meter.byNode()).toEqual({
      plan: { calls: 1, inputTokens: 1_000_000, outputTokens: 0, dollars: 2 },
      code: { calls: 2, inputTokens: 500_000, outputTokens: 500_000, dollars: 5 },
    });
    expect(meter.total()).toMatchObject({ calls: 3, dollars: 7 });
  });

  it("stops at the dollar budget, counting what a resumed run spent before", () => {
    const spent = { plan: { calls: 1, inputTokens: 1_000_000, outputTokens: 0, dollars: 2 } };
    const meter = new UsageMeter(prices, { maxDollars: 3 }, spent);
    expect(() => meter.charge("code", { inputTokens: 0, outputTokens: 125_000 })).toThrow(
      BudgetExceededError,
    );
    expect(() => meter.check()).toThrow(/spent \$3\.0000 on the model; its budget is \$3/);
    expect(meter.byNode().code).toMatchObject({ calls: 1, dollars: 1 });
  });

  it("stops at the time budget", () => {
    const meter = new UsageMeter(prices, { maxMs: 0 });
    const error = (() => {
      try {
        meter.check();
      } catch (e) {
        return e as BudgetExceededError;
      }
    })();
    expect(error).toMatchObject({ limit: "time" });
  });
});
