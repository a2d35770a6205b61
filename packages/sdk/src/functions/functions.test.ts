import { describe, expect, it } from "vitest";
import {
  errorAnswer,
  fakeFetch,
  PROJECT,
  sessionAnswer,
  URL_BASE,
  type FakeAnswer,
  type SeenRequest,
} from "../../test/fake-fetch.js";
import { thrown } from "../../test/thrown.js";
import { createClient } from "../client.js";
import { isWinkyError } from "../errors.js";
import { httpsCallable } from "./functions.js";

function client(handler: (r: SeenRequest) => FakeAnswer | Promise<FakeAnswer>) {
  const fake = fakeFetch(handler);
  return { ...fake, ...createClient({ url: URL_BASE, project: PROJECT, fetch: fake.fetch }) };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable("the call succeeded"),
    (e: unknown) => (isWinkyError(e) ? e : expect.unreachable(String(e))),
  );

describe("callable functions", () => {
  it("post { data } to <name>:call with the ID token and resolve the result", async () => {
    const { auth, functions, requests } = client((r) =>
      r.path === "/auth/signIn"
        ? sessionAnswer("ada", 1)
        : { json: { result: { echoed: r.body } } },
    );
    await auth.signIn("ada@example.com", "correct horse battery");
    const result = await functions.call("echo", { a: [1, "two", null], b: { c: true } });
    expect(result).toEqual({ echoed: { data: { a: [1, "two", null], b: { c: true } } } });
    const call = requests[1]!;
    expect([call.method, call.path]).toEqual(["POST", "/functions/echo:call"]);
    expect(call.headers.authorization).toMatch(/^Bearer /);
    const greet = httpsCallable<{ name: string }, { echoed: unknown }>(functions, "greet");
    expect(await greet({ name: "Ada" })).toEqual({ data: { echoed: { data: { name: "Ada" } } } });
  });

  it("send undefined as null, as Firebase does, and no token when signed out", async () => {
    const { functions, requests } = client(() => ({ json: { result: 1 } }));
    await functions.call("f");
    await functions.call("f", { kept: 1, gone: undefined, list: [undefined] });
    expect(requests.map((r) => r.body)).toEqual([
      { data: null },
      { data: { kept: 1, gone: null, list: [null] } },
    ]);
    expect(requests[0]!.headers.authorization).toBeUndefined();
  });

  describe("when the data has no JSON form", () => {
    class Point {
      x = 1;
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    it.each([
      ["a Date", { when: new Date(0) }, "data.when cannot be sent to a function: a Date"],
      ["NaN", [1, Number.NaN], "data[1] cannot be sent to a function: NaN is not a finite number"],
      ["a bigint", { n: 1n }, "data.n cannot be sent to a function: a bigint"],
      [
        "a Map",
        { "odd key": new Map() },
        'data["odd key"] cannot be sent to a function: a Map is not a plain object',
      ],
      [
        "a class instance",
        { p: new Point() },
        "data.p cannot be sent to a function: a Point is not a plain object",
      ],
      ["a function", { f: () => 1 }, "data.f cannot be sent to a function: a function"],
      ["a cycle", cyclic, "data.self cannot be sent to a function: it contains itself"],
    ])("refuses %s, naming the path, and sends nothing", async (_what, data, message) => {
      const { functions, requests } = client(() => ({ json: { result: 1 } }));
      const error = await failure(functions.call("f", data));
      expect(error.code).toBe("invalid-argument");
      expect(error.message).toMatch(/^f\(\): data/);
      expect(error.message).toContain(message);
      expect(requests).toEqual([]);
    });

    it("accepts the same object twice when it is not a cycle", async () => {
      const { functions, requests } = client(() => ({ json: { result: 1 } }));
      const shared = { v: 1 };
      await functions.call("f", { a: shared, b: [shared] });
      expect(requests[0]!.body).toEqual({ data: { a: { v: 1 }, b: [{ v: 1 }] } });
    });
  });

  it("throw the runtime's error with its code, status and details", async () => {
    const { functions } = client(() =>
      errorAnswer(404, "not-found", "project 'demo' has no callable function 'nope'"),
    );
    expect(await failure(functions.call("nope"))).toMatchObject({
      code: "not-found",
      status: 404,
      message: "project 'demo' has no callable function 'nope'",
    });
    const failing = client(() =>
      errorAnswer(500, "internal", "function 'boom' failed", { reason: "x" }),
    );
    expect(await failure(httpsCallable(failing.functions, "boom")())).toMatchObject({
      code: "internal",
      status: 500,
      details: { reason: "x" },
    });
    const empty = client(() => ({ json: {} }));
    expect((await failure(empty.functions.call("f"))).message).toBe(
      "function 'f' answered without a result",
    );
  });

  it("throw a function's refusal with its code, message and details, to branch on", async () => {
    const { functions } = client(() =>
      errorAnswer(400, "invalid-argument", "Quantity must be at least 1.", { field: "quantity" }),
    );
    const error = await failure(httpsCallable(functions, "checkout")({ quantity: 0 }));
    expect(error).toMatchObject({
      name: "WinkyError",
      code: "invalid-argument",
      status: 400,
      message: "Quantity must be at least 1.",
      details: { field: "quantity" },
    });
  });

  it("give up with deadline-exceeded when no answer comes within the timeout", async () => {
    const { functions } = client(
      (r) =>
        new Promise((_resolve, reject) => {
          r.signal?.addEventListener("abort", () =>
            reject(new DOMException("aborted", "AbortError")),
          );
        }),
    );
    const slow = httpsCallable(functions, "slow", { timeout: 20 });
    expect(await failure(slow())).toMatchObject({
      code: "deadline-exceeded",
      message: "function 'slow' did not answer within 20 ms",
    });
  });

  it("refuse a name the runtime cannot have and a bad timeout at once", () => {
    const { functions } = client(() => ({ json: {} }));
    for (const name of ["", "9lives", "a/b", "a:call", "x".repeat(64)]) {
      expect(thrown(() => httpsCallable(functions, name)).message).toContain(
        "is not a function name",
      );
    }
    expect(thrown(() => httpsCallable(functions, "f", { timeout: 0 })).message).toContain(
      "timeout must be",
    );
  });
});
