import { AdminClient } from "@winky/admin-client";
import { createWinkyClient, type WinkyClient } from "@winky/api-client";
import { migrate } from "@winky/db";
import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "@winky/runtime/testing";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMemberWithToken,
  auditRows,
  createTeam,
  refusal,
  seedRun,
  startApi,
  type ApiHarness,
} from "./api.test-bed.js";

/** The console's documents and users, on a real runtime: role-gated, audited. */
describe("the runtime console's documents and users", () => {
  const runtimeDb = useTestDatabase("api_console_data_runtime");
  const platformDb = useTestDatabase("api_console_data_platform");
  let runtime: TestRuntime;
  let runtimeUrl: string;
  let api: ApiHarness;
  let teamId: string;
  let admin: WinkyClient;
  let member: WinkyClient;
  let viewer: WinkyClient;
  let appId: string;
  const client = (token: string) => createWinkyClient({ url: api.url, token });

  beforeAll(async () => {
    runtime = await createTestRuntime(runtimeDb.url);
    runtimeUrl = await runtime.app.listen({ host: "127.0.0.1", port: 0 });
    await migrate(platformDb.url);
    api = await startApi(platformDb.url, { runtime: new AdminClient(runtimeUrl, TEST_ADMIN_KEY) });
    const team = await createTeam(api.pool, "console-data");
    teamId = team.teamId;
    admin = client(team.token);
    const as = async (email: string, role: "member" | "viewer") =>
      client((await addMemberWithToken(api.pool, teamId, email, role)).token);
    member = await as("mo@example.com", "member");
    viewer = await as("vi@example.com", "viewer");
    ({ appId } = await seedRun(api.pool, teamId, { appSlug: "data-notes" }));
    await runtime.createProject("data-notes");
  });
  afterAll(async () => {
    await api?.close();
    await runtime?.close();
  });

  it("sets (member+), lists with paging, reads and deletes (admin+) documents", async () => {
    const set = await member.console.documents.set.mutate({
      appId,
      path: "notes/a",
      data: { title: "A", tags: ["x"] },
    });
    expect(set).toMatchObject({ path: "notes/a", data: { title: "A", tags: ["x"] } });
    await member.console.documents.set.mutate({ appId, path: "notes/b", data: { title: "B" } });
    const first = await viewer.console.documents.list.query({
      appId,
      collection: "notes",
      limit: 1,
    });
    expect(first.documents.map((d) => d.path)).toEqual(["notes/a"]);
    const second = await viewer.console.documents.list.query({
      appId,
      collection: "notes",
      limit: 1,
      pageToken: first.nextPageToken!,
    });
    expect(second.documents.map((d) => d.path)).toEqual(["notes/b"]);
    expect(second.nextPageToken).toBeUndefined();
    expect(await viewer.console.documents.get.query({ appId, path: "notes/b" })).toMatchObject({
      data: { title: "B" },
    });
    const denied = await refusal(
      member.console.documents.delete.mutate({ appId, path: "notes/b" }),
    );
    expect(denied.code).toBe("FORBIDDEN");
    await admin.console.documents.delete.mutate({ appId, path: "notes/b" });
    const gone = await refusal(viewer.console.documents.get.query({ appId, path: "notes/b" }));
    expect(gone.code).toBe("NOT_FOUND");
    expect(gone.message).toBe("path: no document 'notes/b'");
    const rows = await auditRows(api.pool, teamId, "console.document.set");
    expect(rows.at(-1)).toMatchObject({
      target_type: "app",
      target_id: appId,
      data: { project: "data-notes", path: "notes/b", fields: ["title"] },
    });
    expect(await auditRows(api.pool, teamId, "console.document.deleted")).toHaveLength(1);
  });

  it("refuses a viewer's writes and bad paths, naming the field", async () => {
    const write = await refusal(
      viewer.console.documents.set.mutate({ appId, path: "notes/v", data: { a: 1 } }),
    );
    expect(write.code).toBe("FORBIDDEN");
    const odd = await refusal(
      member.console.documents.set.mutate({ appId, path: "notes", data: { a: 1 } }),
    );
    expect(odd.message).toMatch(/^path: a document path has an even number of segments/);
    const list = await refusal(viewer.console.documents.list.query({ appId, collection: "a/b" }));
    expect(list.message).toMatch(/^collection: a collection path has an odd number/);
  });

  it("lists users, disables them, sets claims and deletes them (admin+), audited", async () => {
    const post = (path: string, body: object) =>
      fetch(`${runtimeUrl}/v1/projects/data-notes/auth/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    await post("signUp", { email: "una@example.com", password: "a long enough password" });
    const token = runtime.auth.stores.outbox.lastToken("una@example.com");
    expect((await post("confirmSignUp", { token })).ok).toBe(true);
    const { users } = await viewer.console.users.list.query({ appId });
    const una = users.find((u) => u.email === "una@example.com")!;
    expect(una.disabled).toBe(false);
    const memberTry = await refusal(
      member.console.users.setDisabled.mutate({ appId, uid: una.uid, disabled: true }),
    );
    expect(memberTry.code).toBe("FORBIDDEN");
    expect(
      await admin.console.users.setDisabled.mutate({ appId, uid: una.uid, disabled: true }),
    ).toMatchObject({ disabled: true });
    const claimed = await admin.console.users.setClaims.mutate({
      appId,
      uid: una.uid,
      claims: { role: "editor" },
    });
    expect(claimed.customClaims).toEqual({ role: "editor" });
    const reserved = await refusal(
      admin.console.users.setClaims.mutate({ appId, uid: una.uid, claims: { sub: "x" } }),
    );
    expect(reserved.message).toBe("claims.sub: 'sub' is reserved for the token");
    await admin.console.users.delete.mutate({ appId, uid: una.uid });
    const again = await refusal(admin.console.users.delete.mutate({ appId, uid: una.uid }));
    expect(again).toMatchObject({ code: "NOT_FOUND" });
    const missing = await refusal(
      admin.console.users.setDisabled.mutate({ appId, uid: una.uid, disabled: false }),
    );
    expect(missing.message).toBe(`uid: the project has no user '${una.uid}'`);
    for (const action of ["disabled", "claims_set", "deleted"]) {
      const [row] = await auditRows(api.pool, teamId, `console.user.${action}`);
      expect(row).toMatchObject({
        target_id: appId,
        data: { project: "data-notes", uid: una.uid },
      });
    }
  });
});
