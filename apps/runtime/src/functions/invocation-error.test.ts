import { describe, expect, it } from "vitest";
import { callableError, invocationError, MAX_REFUSAL_MESSAGE } from "./invocation-error.js";

const json = (e: { toJSON(): unknown; status: number }) => ({
  status: e.status,
  ...(e.toJSON() as object),
});

describe("callableError", () => {
  it("passes a refusal's code, status, message without its prefix, and details", () => {
    const refused = callableError(
      "f",
      { kind: "error", message: "permission-denied: Only admins.", code: "permission-denied" },
      false,
    );
    expect(json(refused)).toEqual({
      status: 403,
      error: { code: "permission-denied", message: "Only admins." },
    });
    const withDetails = callableError(
      "f",
      { kind: "error", message: "bad x", code: "invalid-argument", details: { field: "x" } },
      false,
    );
    expect(json(withDetails)).toEqual({
      status: 400,
      error: { code: "invalid-argument", message: "bad x", details: { field: "x" } },
    });
  });

  it("says the code when the refusal's sentence is empty, and cuts a long one", () => {
    expect(
      callableError("f", { kind: "error", message: "not-found: ", code: "not-found" }, false)
        .message,
    ).toBe("not-found");
    const long = callableError(
      "f",
      { kind: "error", message: "x".repeat(5000), code: "aborted" },
      false,
    );
    expect(long.message).toHaveLength(MAX_REFUSAL_MESSAGE);
    expect(long.message.endsWith("x…")).toBe(true);
  });

  it("answers internal for other codes, no code, and failures that are not thrown errors", () => {
    for (const code of [undefined, "internal", "unknown", "data-loss", "ENOENT", "banana"]) {
      const error = callableError(
        "f",
        { kind: "error", message: "secret detail", ...(code ? { code } : {}) },
        false,
      );
      expect(json(error), String(code)).toEqual({
        status: 500,
        error: { code: "internal", message: "function 'f' failed" },
      });
    }
    const forAdmin = callableError(
      "f",
      { kind: "error", message: "secret detail", code: "banana" },
      true,
    );
    expect(forAdmin.message).toBe("function 'f' failed: secret detail");
    // A code on a crash or a timeout is not the function's refusal.
    const timeout = callableError("f", { kind: "timeout", message: "t", code: "not-found" }, false);
    expect(timeout.code).toBe("deadline-exceeded");
    const crash = callableError("f", { kind: "crash", message: "c", code: "not-found" }, false);
    expect(crash.code).toBe("internal");
  });

  it("leaves invocationError (HTTP functions) to ignore codes", () => {
    const error = invocationError(
      "h",
      { kind: "error", message: "nope", code: "not-found" },
      false,
    );
    expect(json(error)).toEqual({
      status: 500,
      error: { code: "internal", message: "function 'h' failed" },
    });
  });
});
