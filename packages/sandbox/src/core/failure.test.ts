import { describe, expect, it } from "vitest";
import { exitFailure, isOutOfMemoryText } from "./failure.js";

describe("exitFailure", () => {
  it("is oom when the engine says the memory limit killed it", () => {
    const failure = exitFailure({ exitCode: 137, oomKilled: true, output: [] }, 128);
    expect(failure).toEqual({
      error: { kind: "oom", message: expect.stringContaining("128 MiB") },
      exitCode: 137,
    });
  });

  it("is oom when V8 said it ran out of heap", () => {
    const output = [
      {
        stream: "stderr" as const,
        line: "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
        at: 1,
      },
    ];
    expect(exitFailure({ exitCode: 134, oomKilled: false, output }, 64).error.kind).toBe("oom");
  });

  it("is a crash otherwise, with the exit code and the last line of stderr", () => {
    const output = [
      { stream: "stderr" as const, line: "Segmentation fault", at: 1 },
      { stream: "stdout" as const, line: "not this", at: 2 },
      { stream: "stderr" as const, line: "  ", at: 3 },
    ];
    expect(exitFailure({ exitCode: 139, oomKilled: false, output }, 64)).toEqual({
      error: {
        kind: "crash",
        message: "the sandbox exited unexpectedly with code 139: Segmentation fault",
      },
      exitCode: 139,
    });
  });

  it("is a crash without an exit code when the engine could not tell", () => {
    expect(exitFailure({ oomKilled: false, output: [] }, 64)).toEqual({
      error: { kind: "crash", message: "the sandbox exited unexpectedly" },
    });
  });
});

describe("isOutOfMemoryText", () => {
  it("knows what Node says when memory runs out, and nothing else", () => {
    expect(isOutOfMemoryText("RangeError: Array buffer allocation failed")).toBe(true);
    expect(
      isOutOfMemoryText("terminate called after throwing an instance of 'std::bad_alloc'"),
    ).toBe(true);
    expect(isOutOfMemoryText("Error: out of paper")).toBe(false);
  });
});
