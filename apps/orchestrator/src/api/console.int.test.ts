import { AdminClient } from "@winky/admin-client";
import { createWinkyClient, type WinkyClient } from "@winky/api-client";
import { migrate } from "@winky/db";
import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "@winky/runtime/testing";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMemberWithToken,
  createTeam,
  refusal,
  seedRun,
  startApi,
  type ApiHarness,
} from "./api.test-bed.js";

/** Line numbers matter: the trace is checked against them. */
const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /notes/{noteId} {
      allow read: if resource.data.public == true;
      allow create: if request.auth != null && request.resource.data.owner == request.auth.uid;
    }
    match /settings/{id} {
      allow get: if exists(/databases/$(database)/documents/admins/$(request.auth.uid));
    }
  }
}
`;

describe("the runtime console's rules playground", () => {
  const runtimeDb = useTestDatabase("api_console_runtime");
  const platformDb = useTestDatabase("api_console_platform");
  let runtime: TestRuntime;
  let admin: AdminClient;
  let api: ApiHarness;
  let owner: WinkyClient;
  let viewer: WinkyClient;
  let appId: string;
  let otherAppId: string;
  const client = (token: string) => createWinkyClient({ url: api.url, token });

  beforeAll(async () => {
    runtime = await createTestRuntime(runtimeDb.url);
    const runtimeUrl = await runtime.app.listen({ host: "127.0.0.1", port: 0 });
    admin = new AdminClient(runtimeUrl, TEST_ADMIN_KEY);
    await migrate(platformDb.url);
    api = await startApi(platformDb.url, { runtime: admin });
    const team = await createTeam(api.pool, "console");
    owner = client(team.token);
    viewer = client(
      (await addMemberWithToken(api.pool, team.teamId, "vic@example.com", "viewer")).token,
    );
    ({ appId } = await seedRun(api.pool, team.teamId, { appSlug: "console-notes" }));
    await runtime.createProject("console-notes");
    await admin.deployRules("console-notes", "firestore", RULES);
    const other = await createTeam(api.pool, "other");
    ({ appId: otherAppId } = await seedRun(api.pool, other.teamId, { appSlug: "other-notes" }));
  });
  afterAll(async () => {
    await api?.close();
    await runtime?.close();
  });

  const base = { service: "firestore", auth: null } as const;

  it("allows a read of a public note, tracing the allow that granted it", async () => {
    const answer = await viewer.console.evaluateRules.mutate({
      ...base,
      appId,
      method: "get",
      path: "notes/n1",
      resource: { public: true },
    });
    expect(answer).toMatchObject({ allowed: true, source: RULES, project: "console-notes" });
    expect(answer.matched).toEqual(["/databases/{database}/documents/notes/{noteId}"]);
    expect(answer.trace).toEqual([
      expect.objectContaining({ line: 5, outcome: "allowed", methods: ["read"] }),
    ]);
  });

  it("denies a create by someone else, pointing at the false operand on its line", async () => {
    const answer = await viewer.console.evaluateRules.mutate({
      ...base,
      appId,
      method: "create",
      path: "/notes/n2/",
      auth: { uid: "alice", email: "alice@example.com" },
      requestData: { owner: "bob" },
    });
    expect(answer.allowed).toBe(false);
    const [step] = answer.trace;
    expect(step).toMatchObject({
      line: 6,
      outcome: "false",
      expression: "request.resource.data.owner == request.auth.uid",
    });
    const lines = RULES.split("\n");
    const at = step!.at!;
    expect(at.line).toBe(6);
    expect(lines[5]!.slice(at.column - 1, at.endColumn - 1)).toBe(step!.expression);
    // Signed out, the first operand is the false one.
    const signedOut = await viewer.console.evaluateRules.mutate({
      ...base,
      appId,
      method: "create",
      path: "notes/n2",
      requestData: { owner: "bob" },
    });
    expect(signedOut.trace[0]).toMatchObject({ expression: "request.auth != null" });
  });

  it("answers exists() from the project's real documents", async () => {
    const asAlice = {
      ...base,
      appId,
      method: "get",
      path: "settings/s1",
      auth: { uid: "alice" },
    } as const;
    const before = await viewer.console.evaluateRules.mutate(asAlice);
    expect(before).toMatchObject({ allowed: false, lookups: "project-documents" });
    expect(before.trace[0]).toMatchObject({ line: 9, outcome: "false" });
    await admin.setDocument("console-notes", "admins/alice", { since: 2024 });
    expect((await viewer.console.evaluateRules.mutate(asAlice)).allowed).toBe(true);
  });

  it("shows the deployed rules of both services, null where none are", async () => {
    expect(await viewer.console.rules.query({ appId })).toEqual({
      project: "console-notes",
      firestore: RULES,
      storage: null,
    });
  });

  it("says when no rules are deployed, and that everything is then denied", async () => {
    const answer = await viewer.console.evaluateRules.mutate({
      ...base,
      appId,
      service: "storage",
      method: "get",
      path: "images/cat.png",
    });
    expect(answer).toMatchObject({ allowed: false, source: null, trace: [] });
    expect(answer.notes.join(" ")).toMatch(/no storage rules are deployed to 'console-notes'/);
  });

  it("refuses bad input naming the field", async () => {
    const collection = await refusal(
      viewer.console.evaluateRules.mutate({ ...base, appId, method: "get", path: "notes" }),
    );
    expect(collection.code).toBe("BAD_REQUEST");
    expect(collection.message).toMatch(/^path: get names a document/);
    const method = await refusal(
      viewer.console.evaluateRules.mutate({
        ...base,
        appId,
        method: "read" as "get",
        path: "notes/n1",
      }),
    );
    expect(method.message).toMatch(/^method: /);
    const dots = await refusal(
      viewer.console.evaluateRules.mutate({ ...base, appId, method: "get", path: "notes/../x" }),
    );
    expect(dots.message).toMatch(/^path: segments must not be/);
    const email = await refusal(
      viewer.console.evaluateRules.mutate({
        ...base,
        appId,
        method: "get",
        path: "notes/n1",
        auth: { uid: "a", email: "not an email" },
      }),
    );
    expect(email.message).toMatch(/^auth\.email: /);
  });

  it("refuses another team's app, and says so when there is no runtime", async () => {
    const forbidden = await refusal(
      owner.console.evaluateRules.mutate({
        ...base,
        appId: otherAppId,
        method: "get",
        path: "notes/n1",
      }),
    );
    expect(forbidden.code).toBe("FORBIDDEN");
    const bare = await startApi(platformDb.url);
    try {
      const { token } = await addMemberWithToken(
        bare.pool,
        (await bare.pool.query("select team_id from apps where id = $1", [appId])).rows[0]
          .team_id as string,
        "nora@example.com",
        "viewer",
      );
      const refused = await refusal(
        createWinkyClient({ url: bare.url, token }).console.evaluateRules.mutate({
          ...base,
          appId,
          method: "get",
          path: "notes/n1",
        }),
      );
      expect(refused.code).toBe("PRECONDITION_FAILED");
      expect(refused.message).toMatch(/runtime's admin API/);
      expect(refused.message).not.toContain(TEST_ADMIN_KEY);
    } finally {
      await bare.close();
    }
  });
});
