import { describe, expect, it, vi } from "vitest";
import { PLANTED, STORE_SECRETS } from "../test/planted.js";
import { createPromptGuard, fixedSecretValues, type Removal, type SecretValues } from "./index.js";
import { secretStoreValues, type ListableSecretStore } from "./secret-values.js";

/** A store with the planted secrets under one project, as `@winky/secrets` would answer. */
function fakeStore(secrets: Record<string, string>): ListableSecretStore {
  return {
    list: () => Promise.resolve(Object.keys(secrets).map((name) => ({ name }))),
    get: (_project, name) => Promise.resolve({ value: { reveal: () => secrets[name]! } }),
  };
}

const { GIT_PUSH_TOKEN: PUSH, DB_PASSWORD: DB, WEBHOOK_SIGNING: HOOK } = STORE_SECRETS;
const DB_URL = `postgres://app:${encodeURIComponent(DB)}@db:5432/app`;
const ALL_VALUES = [...Object.values(STORE_SECRETS), ...Object.values(PLANTED)];

/** Every part of a value a leak would show: the value, and each 6-character slice of it. */
function fragments(value: string): string[] {
  const out = [value];
  for (let i = 0; i + 6 <= value.length; i += 3) out.push(value.slice(i, i + 6));
  return out;
}

/** A conversation a coding agent might send, with secrets planted everywhere a prompt can hold one. */
function plantedConversation() {
  const envFile = [
    "VITE_WINKY_URL=http://localhost:4000",
    `STRIPE_SECRET_KEY=${PLANTED.stripe}`,
    `DATABASE_URL=${DB_URL}`,
  ].join("\n");
  const appFile = `export const client = new OpenAI({ apiKey: "${PLANTED.openai}" });\n`;
  return [
    { role: "system", content: "You write React apps." },
    { role: "user", content: `Build a shop. Push with ${PUSH}. Our AWS id is ${PLANTED.awsId}.` },
    {
      role: "user",
      content: [
        { type: "text", text: `Here is .env:\n${envFile}` },
        { type: "image_url", image_url: { url: "https://example.com/mock.png" } },
      ],
    },
    {
      role: "assistant",
      content: null,
      tool_calls: [
        {
          id: "call_1",
          type: "function",
          function: {
            name: "write_file",
            arguments: JSON.stringify({ path: "src/ai.ts", content: appFile, webhookSecret: HOOK }),
          },
        },
      ],
    },
    {
      role: "tool",
      tool_call_id: "call_1",
      content: `wrote src/ai.ts; git push https://x:${Buffer.from(PUSH).toString("base64")}@h\n${PLANTED.privateKey}`,
    },
    { role: "user", content: `token ${PLANTED.jwt} and hook ${encodeURIComponent(HOOK)}` },
  ];
}

describe("createPromptGuard", () => {
  const secrets = secretStoreValues(fakeStore(STORE_SECRETS), ["corner-shop"]);

  it("removes every planted secret from a conversation, wherever and however it is written", async () => {
    const guard = createPromptGuard({ secrets });
    const messages = plantedConversation();
    const { value, removed } = await guard.cleanMessages(messages);
    const sent = JSON.stringify(value);
    const planted = [PUSH, DB, HOOK, PLANTED.stripe, PLANTED.openai, PLANTED.awsId, PLANTED.jwt];
    for (const v of [...planted, PLANTED.privateKey]) {
      for (const form of [v, JSON.stringify(v).slice(1, -1), encodeURIComponent(v)]) {
        for (const f of fragments(form)) expect(sent).not.toContain(f);
      }
      expect(sent).not.toContain(Buffer.from(v).toString("base64").slice(0, 12));
    }
    // What was there stays visible, and nothing else changed.
    expect(value[1]!.content).toBe(
      "Build a shop. Push with [redacted: secret GIT_PUSH_TOKEN]. Our AWS id is [redacted: known-prefix].",
    );
    expect(value[2]!.content).toContainEqual(messages[2]!.content![1]);
    expect(value[0]).toEqual(messages[0]);
    const args = JSON.parse(value[3]!.tool_calls![0]!.function.arguments) as Record<string, string>;
    expect(args).toEqual({
      path: "src/ai.ts",
      content: 'export const client = new OpenAI({ apiKey: "[redacted: known-prefix]" });\n',
      webhookSecret: "[redacted: secret WEBHOOK_SIGNING]",
    });
    expect(removed).toEqual<Removal[]>([
      {
        kind: "secret-store",
        name: "GIT_PUSH_TOKEN",
        where: "messages[1].content",
        length: PUSH.length,
      },
      { kind: "known-prefix", name: "aws-access-key-id", where: "messages[1].content", length: 20 },
      {
        kind: "known-prefix",
        name: "stripe-key",
        where: "messages[2].content[0].text",
        length: PLANTED.stripe.length,
      },
      {
        kind: "secret-store",
        name: "DB_PASSWORD",
        where: "messages[2].content[0].text",
        length: DB_URL.length, // the whole DATABASE_URL value: the .env detector takes it all
      },
      {
        kind: "known-prefix",
        name: "openai-key",
        where: "messages[3].tool_calls[0].function.arguments.content",
        length: PLANTED.openai.length,
      },
      {
        kind: "secret-store",
        name: "WEBHOOK_SIGNING",
        where: "messages[3].tool_calls[0].function.arguments.webhookSecret",
        length: HOOK.length,
      },
      {
        kind: "secret-store",
        name: "GIT_PUSH_TOKEN",
        where: "messages[4].content",
        length: Buffer.from(PUSH).toString("base64").length,
      },
      { kind: "private-key", where: "messages[4].content", length: PLANTED.privateKey.length },
      { kind: "jwt", where: "messages[5].content", length: PLANTED.jwt.length },
      {
        kind: "secret-store",
        name: "WEBHOOK_SIGNING",
        where: "messages[5].content",
        length: HOOK.length,
      },
    ]);
    // The record never carries any part of a value.
    const record = JSON.stringify(removed);
    for (const v of ALL_VALUES) for (const f of fragments(v)) expect(record).not.toContain(f);
  });

  it("leaves the input untouched and a clean conversation equal", async () => {
    const guard = createPromptGuard({ secrets });
    const messages = plantedConversation();
    const before = structuredClone(messages);
    await guard.cleanMessages(messages);
    expect(messages).toEqual(before);
    const plain = [{ role: "user", content: [{ type: "text", text: "Make a notes app." }] }];
    expect(await guard.cleanMessages(plain)).toEqual({ value: plain, removed: [] });
  });

  it("cleans Anthropic tool_use input and tool_result content, and LangChain args", async () => {
    const guard = createPromptGuard({ secrets });
    const { value, removed } = await guard.cleanMessages([
      {
        role: "assistant",
        content: [{ type: "tool_use", id: "t", name: "run", input: { cmd: `echo ${PUSH}` } }],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "t", content: [{ type: "text", text: PUSH }] },
        ],
      },
      {
        role: "assistant",
        content: "",
        tool_calls: [{ name: "run", args: { env: { GH_TOKEN: PUSH } } }],
      },
    ]);
    expect(JSON.stringify(value)).not.toContain(PUSH);
    expect(removed.map((r) => r.where)).toEqual([
      "messages[0].content[0].input.cmd",
      "messages[1].content[0].content[0].text",
      "messages[2].tool_calls[0].args.env.GH_TOKEN",
    ]);
  });

  it("cleans arguments that are not JSON as text", async () => {
    const guard = createPromptGuard({ secrets });
    const call = { function: { name: "sh", arguments: `{"cmd": "push ${PUSH}"` } };
    const { value } = await guard.cleanMessages([{ role: "assistant", tool_calls: [call] }]);
    expect(value[0]!.tool_calls![0]!.function!.arguments).toBe(
      '{"cmd": "push [redacted: secret GIT_PUSH_TOKEN]"',
    );
  });

  it("reports removals to onRemoved before resolving, and only when there are some", async () => {
    const onRemoved = vi.fn();
    const guard = createPromptGuard({ secrets, onRemoved });
    await guard.clean("nothing here");
    expect(onRemoved).not.toHaveBeenCalled();
    await guard.clean(`x ${PUSH}`, "plan.prompt");
    expect(onRemoved).toHaveBeenCalledWith([
      { kind: "secret-store", name: "GIT_PUSH_TOKEN", where: "plan.prompt", length: PUSH.length },
    ]);
  });

  it("reads the sources on every call, so a secret set mid-run is removed from then on", async () => {
    const store: Record<string, string> = {};
    const guard = createPromptGuard({
      secrets: [
        secretStoreValues(fakeStore(store), ["p1"]),
        fixedSecretValues({ ADMIN: "adm-key-778899", NONE: undefined }),
      ],
    });
    expect((await guard.clean("late-secret-123 adm-key-778899")).value).toBe(
      "late-secret-123 [redacted: secret ADMIN]",
    );
    store.LATE = "late-secret-123";
    expect((await guard.clean("late-secret-123")).value).toBe("[redacted: secret LATE]");
  });

  it("fails the call when a source fails: nothing unchecked is returned", async () => {
    const broken: SecretValues = { values: () => Promise.reject(new Error("store unavailable")) };
    const guard = createPromptGuard({ secrets: broken });
    await expect(guard.clean("hello")).rejects.toThrow("store unavailable");
    await expect(guard.cleanMessages([{ role: "user", content: "hi" }])).rejects.toThrow();
  });

  it("cleans any JSON value, with paths from the given root", async () => {
    const guard = createPromptGuard({ secrets });
    const plan = {
      appName: "shop",
      notes: [`deploy with ${PUSH}`],
      stripe: { apiKey: "k-9aa71c2e" },
    };
    const { value, removed } = await guard.cleanJson(plan, "plan");
    expect(value).toEqual({
      appName: "shop",
      notes: ["deploy with [redacted: secret GIT_PUSH_TOKEN]"],
      stripe: { apiKey: "[redacted: env-assignment]" },
    });
    expect(removed.map((r) => `${r.where} ${r.kind} ${r.name}`)).toEqual([
      "plan.notes[0] secret-store GIT_PUSH_TOKEN",
      "plan.stripe.apiKey env-assignment apiKey",
    ]);
    const untouched = { a: ["b"] };
    expect((await guard.cleanJson(untouched)).value).toBe(untouched);
  });

  it("accepts plain strings as values", async () => {
    const guard = createPromptGuard({ secrets: { values: () => Promise.resolve([PUSH]) } });
    expect((await guard.clean(PUSH)).value).toBe("[redacted: secret]");
  });
});
