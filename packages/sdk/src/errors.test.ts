import { describe, expect, it } from "vitest";
import { errorAnswer, fakeFetch, PROJECT, URL_BASE } from "../test/fake-fetch.js";
import { createClient } from "./client.js";
import { errorFromResponse, isWinkyError, type WinkyError } from "./errors.js";
import { getDoc, setDoc } from "./firestore/documents.js";

/** The error a getDoc rejects with when the runtime answers `answer`. */
async function errorFor(answer: Parameters<typeof fakeFetch>[0]) {
  const { db } = createClient({ url: URL_BASE, project: PROJECT, fetch: fakeFetch(answer).fetch });
  try {
    await setDoc(db.doc("a/b"), { x: 1 });
  } catch (e) {
    return e as WinkyError;
  }
  throw new Error("expected an error");
}

describe("WinkyError", () => {
  it("keeps the runtime's code, message, status and details", async () => {
    const details = { operation: "update a/b" };
    const e = await errorFor(() =>
      errorAnswer(403, "permission-denied", "Missing or insufficient permissions.", details),
    );
    expect(isWinkyError(e)).toBe(true);
    expect(e).toMatchObject({
      name: "WinkyError",
      code: "permission-denied",
      status: 403,
      message: "Missing or insufficient permissions.",
      details,
    });
  });

  it("is unavailable with status 0 when the runtime cannot be reached", async () => {
    const e = await errorFor(() => {
      throw new TypeError("fetch failed");
    });
    expect(e).toMatchObject({ code: "unavailable", status: 0 });
    expect(e.message).toContain(`could not reach ${URL_BASE}/v1/projects/${PROJECT}`);
    expect(e.cause).toBeInstanceOf(TypeError);
  });

  it("is internal for an answer that is not JSON, unavailable for a gateway's page", async () => {
    const html = (status: number) => () => new Response("<html>oops</html>", { status });
    expect(await errorFor(html(500))).toMatchObject({ code: "internal", status: 500 });
    expect(await errorFor(html(200))).toMatchObject({ code: "internal", status: 200 });
    expect(await errorFor(html(502))).toMatchObject({ code: "unavailable", status: 502 });
  });

  it("falls back on the status for JSON of another shape or an unknown code", () => {
    expect(errorFromResponse(404, '{"message":"nope"}')).toMatchObject({ code: "not-found" });
    expect(errorFromResponse(429, '{"error":{"code":"slow-down"}}')).toMatchObject({
      code: "resource-exhausted",
      message: "the server answered 429",
    });
    expect(errorFromResponse(418, "{}").code).toBe("unknown");
  });

  it("makes a missing document an empty snapshot, not an error", async () => {
    const fake = fakeFetch(() => errorAnswer(404, "not-found", "no document at a/b"));
    const { db } = createClient({ url: URL_BASE, project: PROJECT, fetch: fake.fetch });
    const snap = await getDoc(db.doc("a/b"));
    expect([snap.exists(), snap.data(), snap.get("x")]).toEqual([false, undefined, undefined]);
  });

  it("is recognised by name, across copies of the SDK", () => {
    const foreign = Object.assign(new Error("x"), { name: "WinkyError", code: "internal" });
    expect(isWinkyError(foreign)).toBe(true);
    expect(isWinkyError(new Error("x"))).toBe(false);
    expect(isWinkyError({ name: "WinkyError", code: "internal" })).toBe(false);
  });
});
