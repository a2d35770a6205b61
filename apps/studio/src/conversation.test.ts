import { describe, expect, it } from "vitest";
import { messagesOf, moveAt, withChange } from "./conversation.js";

describe("a conversation kept in one prompt", () => {
  it("gives back each message, oldest first", () => {
    let prompt = "A notes app with email login,\n\nmarkdown and tags";
    prompt = withChange(prompt, "add due dates");
    prompt = withChange(prompt, "  make it dark\n\n\nplease ");
    expect(prompt).toBe(
      "A notes app with email login,\n\nmarkdown and tags\n\nChange: add due dates\n\nChange: make it dark\nplease",
    );
    expect(messagesOf(prompt)).toEqual([
      "A notes app with email login,\n\nmarkdown and tags",
      "add due dates",
      "make it dark\nplease",
    ]);
  });

  it("says what a message does at each point of a run", () => {
    expect(moveAt(null, false)).toBe("start");
    expect(moveAt("awaiting_plan_approval", true)).toBe("change-plan");
    expect(moveAt("coding", false)).toBe("wait");
    expect(moveAt("awaiting_approval", false)).toBe("wait");
    for (const ended of ["succeeded", "failed", "cancelled"]) {
      expect(moveAt(ended, false)).toBe("refine");
    }
  });
});
