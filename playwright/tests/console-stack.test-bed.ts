import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AdminClient } from "@winky/admin-client";
import { FsBlobStore } from "@winky/blob-store";
import type { BootstrappedTeam } from "@winky/orchestrator/api";
import {
  createTestFunctions,
  createTestRuntime,
  TEST_ADMIN_KEY,
  type TestFunctions,
  type TestRuntime,
} from "@winky/runtime/testing";
import type { JsonValue, Sandbox } from "@winky/sandbox";
import { testRedisUrl, uniqueRedisPrefix } from "@winky/testing";
import { bootstrapAcme, startStudioStack, type StudioStack } from "./studio-stack.test-bed.js";

// The runtime console's suites: an app whose project has rules, a document and (with an echo
// sandbox) functions, on a runtime of its own, before the studio and the orchestrator's API.

export const PROJECT = "console-notes";
/** Line 5 grants public reads; line 6 checks the writer owns the note. */
export const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /notes/{noteId} {
      allow read: if resource.data.public == true;
      allow create: if request.auth != null && request.resource.data.owner == request.auth.uid;
    }
  }
}
`;

/** A 1×1 PNG, for the storage preview. */
export const PIXEL = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/** Answers each invocation with its event and logs one line (a real sandbox needs an image). */
const echoSandbox: Sandbox = {
  prepare: async () => undefined,
  invoke: async (_fn, invocation) => {
    const { event } = invocation as { event: JsonValue };
    const line = `greeting ${JSON.stringify(event)}`;
    return {
      ok: true,
      result: event,
      durationMs: 2,
      coldStart: false,
      logs: [{ stream: "stdout", line, at: Date.now() }],
    };
  },
  drain: async () => undefined,
  stats: () => ({ started: 0, live: 0, running: 0, queued: 0 }),
  close: async () => undefined,
};

export interface ConsoleStack {
  runtime: TestRuntime;
  admin: AdminClient;
  runtimeUrl: string;
  stack: StudioStack;
  team: BootstrappedTeam;
  /** The team's app whose project is {@link PROJECT}. */
  appId: string;
  close(): Promise<void>;
}

/** The runtime (functions on an echo sandbox), the project, the studio stack, a team and its app. */
export async function startConsoleStack(
  databaseUrl: string,
  runtimeDatabaseUrl: string,
): Promise<ConsoleStack> {
  const dir = await mkdtemp(path.join(tmpdir(), "winky-pw-console-"));
  const functions: TestFunctions = await createTestFunctions({
    sandbox: async () => echoSandbox,
    redisUrl: testRedisUrl(),
    prefix: uniqueRedisPrefix("pw-console"),
  });
  const runtime = await createTestRuntime(runtimeDatabaseUrl, {
    ...functions.runtimeOptions,
    blobs: new FsBlobStore(dir),
  });
  const runtimeUrl = await runtime.app.listen({ host: "127.0.0.1", port: 0 });
  const admin = new AdminClient(runtimeUrl, TEST_ADMIN_KEY);
  await runtime.createProject(PROJECT);
  await admin.deployRules(PROJECT, "firestore", RULES);
  await admin.setDocument(PROJECT, "notes/n1", { title: "First", public: true });
  const stack = await startStudioStack(databaseUrl, { runtime: admin, runtimeUrl });
  const team = await bootstrapAcme(stack.pool);
  const { rows } = await stack.pool.query<{ id: string }>(
    "insert into apps (team_id, slug, name) values ($1, $2, 'Console notes') returning id",
    [team.teamId, PROJECT],
  );
  return {
    runtime,
    admin,
    runtimeUrl,
    stack,
    team,
    appId: rows[0]!.id,
    close: async () => {
      await stack.close();
      await functions.close();
      await runtime.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
