import { startScriptedOpenAI, type ScriptedOpenAI } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PLANTED, STORE_SECRETS } from "../test/planted.js";
import { guardedFetch } from "./fetch.js";
import { createPromptGuard } from "./guard.js";
import { fixedSecretValues } from "./secret-values.js";

const { GIT_PUSH_TOKEN: PUSH, DB_PASSWORD: DB } = STORE_SECRETS;
const guard = createPromptGuard({ secrets: fixedSecretValues(STORE_SECRETS) });
/** OpenAI's tool call ids look random: the guard must not touch them. */
const CALL_ID = "call_Xy7kP2qR9mN4vL8wT3bC6zD1";

/** A chat completion request body, as the `openai` client under ChatOpenAI sends it. */
const chatBody = () => ({
  model: "gpt-4o-mini",
  messages: [
    { role: "system", content: `Deploy with ${PUSH}.` },
    {
      role: "assistant",
      content: null,
      tool_calls: [
        {
          id: CALL_ID,
          type: "function",
          function: { name: "write_file", arguments: JSON.stringify({ content: `pw=${DB}` }) },
        },
      ],
    },
    { role: "tool", tool_call_id: CALL_ID, content: `ok ${PLANTED.github}` },
  ],
  tools: [{ type: "function", function: { name: "write_file", parameters: { type: "object" } } }],
});

/** A base fetch that answers 200 and keeps what it was given. */
function recordingFetch() {
  const calls: Array<{ input: unknown; init: RequestInit | undefined }> = [];
  const base = vi.fn((input: unknown, init?: RequestInit) => {
    calls.push({ input, init });
    return Promise.resolve(new Response("{}"));
  }) as unknown as typeof fetch;
  return { base, calls };
}

describe("guardedFetch", () => {
  it("cleans a JSON body field by field, keeps ids, and drops a stale content-length", async () => {
    const { base, calls } = recordingFetch();
    const text = JSON.stringify(chatBody());
    await guardedFetch(guard, base)("https://api.example.com/v1/chat/completions", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(text.length) },
      body: text,
    });
    const sent = calls[0]!.init!;
    const body = JSON.parse(sent.body as string) as ReturnType<typeof chatBody>;
    expect(body.messages[0]!.content).toBe("Deploy with [redacted: secret GIT_PUSH_TOKEN].");
    expect(JSON.parse(body.messages[1]!.tool_calls![0]!.function.arguments)).toEqual({
      content: "pw=[redacted: secret DB_PASSWORD]",
    });
    expect(body.messages[2]).toEqual({
      role: "tool",
      tool_call_id: CALL_ID,
      content: "ok [redacted: known-prefix]",
    });
    expect(body.messages[1]!.tool_calls![0]!.id).toBe(CALL_ID);
    expect(body.tools).toEqual(chatBody().tools);
    const headers = sent.headers as Headers;
    expect(headers.get("content-length")).toBeNull();
    expect(headers.get("content-type")).toBe("application/json");
  });

  it("sends a body with nothing to remove as it was", async () => {
    const { base, calls } = recordingFetch();
    const text = JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }] });
    await guardedFetch(guard, base)("https://x.test/", { method: "POST", body: text });
    expect(calls[0]!.init!.body).toBe(text);
  });

  it("cleans text and byte bodies and Request objects, and passes forms through", async () => {
    const { base, calls } = recordingFetch();
    const guarded = guardedFetch(guard, base);
    await guarded("https://x.test/", { method: "POST", body: `plain ${PUSH}` });
    await guarded("https://x.test/", { method: "POST", body: new TextEncoder().encode(PUSH) });
    await guarded(new Request("https://x.test/r", { method: "POST", body: `{"q":"${PUSH}"}` }));
    const form = new FormData();
    form.set("file", "data");
    await guarded("https://x.test/upload", { method: "POST", body: form });
    expect(calls.map((c) => c.init?.body)).toEqual([
      "plain [redacted: secret GIT_PUSH_TOKEN]",
      "[redacted: secret GIT_PUSH_TOKEN]",
      '{"q":"[redacted: secret GIT_PUSH_TOKEN]"}',
      form,
    ]);
    expect(calls[2]!.input).toBe("https://x.test/r");
  });

  it("sends nothing when the guard cannot check the body", async () => {
    const { base } = recordingFetch();
    const broken = createPromptGuard({
      secrets: { values: () => Promise.reject(new Error("down")) },
    });
    await expect(
      guardedFetch(broken, base)("https://x.test/", { method: "POST", body: "{}" }),
    ).rejects.toThrow("down");
    expect(base).not.toHaveBeenCalled();
  });

  describe("against the scripted OpenAI-compatible server", () => {
    let server: ScriptedOpenAI;
    beforeAll(async () => {
      server = await startScriptedOpenAI();
    });
    afterAll(() => server.close());

    it("leaves no planted secret, in any form, in what the server received", async () => {
      server.enqueue({ content: "Done." });
      const response = await guardedFetch(guard)(`${server.url}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${server.apiKey}` },
        body: JSON.stringify(chatBody()),
      });
      expect(response.status).toBe(200);
      expect(server.requests).toHaveLength(1);
      for (const form of [PUSH, DB, JSON.stringify(DB).slice(1, -1), PLANTED.github]) {
        expect(server.requestsContaining(form)).toEqual([]);
      }
      expect(server.requests[0]!.chat?.messages[2]).toMatchObject({ tool_call_id: CALL_ID });
    });
  });
});
