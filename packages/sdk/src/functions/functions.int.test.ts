import { BubblewrapSandbox, probeBubblewrap, type HostApiHandler } from "@winky/sandbox";
import { describeWithBubblewrap } from "@winky/sandbox/testing";
import { beforeAll, expect, it } from "vitest";
import { signedUpClient, winkyFailure } from "../../test/client-harness.js";
import { useTestRuntime } from "../../test/runtime-harness.js";
import { NO_DOCUMENTS } from "../../test/storage-rules.js";
import { createClient, httpsCallable, type WinkyClient } from "../index.js";

/** Each callable these tests deploy, by name. */
const FUNCTIONS: Record<string, { source: string; timeoutMs?: number }> = {
  whoami: {
    source: `export default (data, context) => ({
      uid: context.auth ? context.auth.uid : null,
      data,
    });`,
  },
  echo: { source: "export default (data) => data;" },
  boom: { source: `export default () => { throw new Error("kaput: internal detail"); };` },
  // Refuses as the generated apps do, or as Firebase's HttpsError with details.
  setRole: {
    source: `export default () => { throw new Error("permission-denied: Only admins can change roles."); };`,
  },
  order: {
    source: `export default (data) => {
      throw Object.assign(new Error("Choose at least one item."), {
        code: "invalid-argument",
        details: { field: "itemIds", got: data },
      });
    };`,
  },
  slow: {
    source: "export default () => new Promise((resolve) => setTimeout(resolve, 10_000));",
    timeoutMs: 500,
  },
};

/** These callables only compute: a function asking the host API for documents is a bug. */
const noHostApi: HostApiHandler = () => {
  throw new Error("the SDK's function tests give functions no host API");
};

const bubblewrap = await probeBubblewrap();

describeWithBubblewrap(bubblewrap, process.env, "callable functions through the SDK", () => {
  const runtime = useTestRuntime("sdk-functions", NO_DOCUMENTS, {
    functions: async () =>
      new BubblewrapSandbox({ hostApi: noHostApi, pool: { idleMs: 60_000, maxPerVersion: 2 } }),
  });
  let ada: WinkyClient;
  let anonymous: WinkyClient;

  beforeAll(async () => {
    for (const [name, { source, timeoutMs }] of Object.entries(FUNCTIONS)) {
      await runtime.current.admin("PUT", `/functions/${name}`, {
        source,
        trigger: { kind: "callable" },
        ...(timeoutMs ? { timeoutMs } : {}),
      });
    }
    ada = await signedUpClient(runtime.current, "ada@example.com");
    anonymous = createClient({ url: runtime.current.url, project: runtime.current.project });
  });

  it("gives a signed-in caller's uid to the function as context.auth", async () => {
    const result = await ada.functions.call("whoami", { x: 1 });
    expect(result).toEqual({ uid: ada.auth.currentUser!.uid, data: { x: 1 } });
  });

  it("gives an anonymous caller null auth", async () => {
    const whoami = httpsCallable<void, { uid: string | null }>(anonymous.functions, "whoami");
    expect(await whoami()).toEqual({ data: { uid: null, data: null } });
  });

  it("round-trips nested JSON", async () => {
    const data = {
      text: 'é ✓ \u0000 "quoted"',
      numbers: [0, -1.5, 2 ** 53 - 1, 1e-300],
      flags: { yes: true, no: false, none: null },
      nested: [[], {}, [1, [2, { deep: ["x", { deeper: [null] }] }]]],
      "odd key/with.dots": "kept",
    };
    const echo = httpsCallable<typeof data, typeof data>(ada.functions, "echo");
    expect((await echo(data)).data).toEqual(data);
  });

  it("answers an unknown function with not-found", async () => {
    const error = await winkyFailure(ada.functions.call("nobody"));
    expect(error).toMatchObject({ code: "not-found", status: 404 });
    expect(error.message).toContain("'nobody'");
  });

  it("answers a function that throws with internal, keeping its message from end users", async () => {
    const error = await winkyFailure(httpsCallable(ada.functions, "boom")({}));
    expect(error).toMatchObject({
      code: "internal",
      status: 500,
      message: "function 'boom' failed",
    });
  });

  it("throws a function's refusal with its code, message and details", async () => {
    const denied = await winkyFailure(httpsCallable(anonymous.functions, "setRole")({}));
    expect(denied).toMatchObject({
      code: "permission-denied",
      status: 403,
      message: "Only admins can change roles.",
      details: undefined,
    });
    const invalid = await winkyFailure(ada.functions.call("order", { itemIds: [] }));
    expect(invalid).toMatchObject({
      code: "invalid-argument",
      status: 400,
      message: "Choose at least one item.",
      details: { field: "itemIds", got: { itemIds: [] } },
    });
  });

  it("answers deadline-exceeded when the function or the caller's timeout runs out", async () => {
    const server = await winkyFailure(ada.functions.call("slow"));
    expect(server).toMatchObject({
      code: "deadline-exceeded",
      message: "function 'slow' timed out",
    });
    const client = await winkyFailure(httpsCallable(ada.functions, "slow", { timeout: 50 })());
    expect(client).toMatchObject({
      code: "deadline-exceeded",
      status: 0,
      message: "function 'slow' did not answer within 50 ms",
    });
  });
});
