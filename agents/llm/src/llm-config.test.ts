import { describe, expect, it } from "vitest";
import { llmConfigFrom } from "./llm-config.js";

describe("the model settings from the environment", () => {
  it("are absent without OPENAI_API_KEY or OPENAI_BASE_URL: the offline engine runs", () => {
    expect(llmConfigFrom({})).toBeUndefined();
    expect(llmConfigFrom({ WINKY_MODEL: "gpt-4o" })).toBeUndefined();
  });

  it("take a compatible server without a key, with the model's prices", () => {
    expect(
      llmConfigFrom({ OPENAI_BASE_URL: "http://127.0.0.1:11434/v1", WINKY_MODEL: "llama3.1" }),
    ).toEqual({
      baseURL: "http://127.0.0.1:11434/v1",
      apiKey: "not-needed",
      model: "llama3.1",
      prices: { inputPerMillion: 0, outputPerMillion: 0 },
      budget: { maxTokens: 1_000_000, maxDollars: 2, maxMs: 1_800_000 },
    });
    expect(
      llmConfigFrom({
        OPENAI_API_KEY: "k",
        WINKY_RUN_MAX_TOKENS: "5000",
        WINKY_RUN_MAX_DOLLARS: "0.5",
        WINKY_RUN_MAX_MINUTES: "2",
      })?.budget,
    ).toEqual({ maxTokens: 5000, maxDollars: 0.5, maxMs: 120_000 });
    expect(llmConfigFrom({ OPENAI_API_KEY: "k" })).toMatchObject({
      baseURL: undefined,
      model: "gpt-4o-mini",
      prices: { inputPerMillion: 0.15, outputPerMillion: 0.6 },
    });
    expect(llmConfigFrom({ OPENAI_API_KEY: "k", WINKY_MODEL_PRICES: "3,15" })?.prices).toEqual({
      inputPerMillion: 3,
      outputPerMillion: 15,
    });
  });

  it("name a bad variable, never a value", () => {
    const bad = () =>
      llmConfigFrom({ OPENAI_API_KEY: "sk-secret-value", OPENAI_BASE_URL: "not a url" });
    expect(bad).toThrow(/OPENAI_BASE_URL/);
    expect(bad).not.toThrow(/sk-secret-value/);
    expect(() => llmConfigFrom({ OPENAI_API_KEY: "k", WINKY_MODEL_PRICES: "cheap" })).toThrow(
      /WINKY_MODEL_PRICES: must be '<input>,<output>'/,
    );
  });
});
