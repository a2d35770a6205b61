import { describe, expect, it } from "vitest";
import { isInfrastructureError } from "./run-errors.js";

describe("isInfrastructureError", () => {
  const coded = (code: string, extra: object = {}) =>
    Object.assign(new Error(`failed: ${code}`), { code, ...extra });

  it("recognises services that are down, also behind a cause", () => {
    expect(isInfrastructureError(coded("ECONNREFUSED"))).toBe(true);
    expect(
      isInfrastructureError(new TypeError("fetch failed", { cause: coded("ECONNRESET") })),
    ).toBe(true);
    expect(isInfrastructureError(coded("57P01"))).toBe(true);
    expect(isInfrastructureError(coded("08006"))).toBe(true);
    expect(isInfrastructureError(new Error("Connection terminated unexpectedly"))).toBe(true);
    const sandbox = Object.assign(coded("unavailable"), { name: "SandboxError" });
    expect(isInfrastructureError(sandbox)).toBe(true);
    const gateway = Object.assign(coded("unavailable", { status: 503 }), { name: "AdminApiError" });
    expect(isInfrastructureError(gateway)).toBe(true);
  });

  it("leaves the run's own failures to fail it", () => {
    expect(isInfrastructureError(new Error("the production build failed: 2 type errors"))).toBe(
      false,
    );
    expect(isInfrastructureError(coded("23505"))).toBe(false);
    const refused = Object.assign(coded("invalid-argument", { status: 400 }), {
      name: "AdminApiError",
    });
    expect(isInfrastructureError(refused)).toBe(false);
    expect(isInfrastructureError(Object.assign(coded("timeout"), { name: "SandboxError" }))).toBe(
      false,
    );
    expect(isInfrastructureError(undefined)).toBe(false);
    expect(isInfrastructureError("ECONNREFUSED")).toBe(false);
  });

  it("stops at a cause cycle", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    a.cause = a;
    expect(isInfrastructureError(a)).toBe(false);
  });
});
