import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "@winky/runtime/testing";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient } from "./admin-client.js";

/** The console's reads and writes of a project's data, against a real runtime. */
describe("the admin client's project data calls", () => {
  const database = useTestDatabase("admin_client_data");
  let runtime: TestRuntime;
  let url: string;
  let admin: AdminClient;

  beforeAll(async () => {
    runtime = await createTestRuntime(database.url);
    url = await runtime.app.listen({ host: "127.0.0.1", port: 0 });
    admin = new AdminClient(url, TEST_ADMIN_KEY);
    await runtime.createProject("notes");
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it("reads deployed rules, and null before any", async () => {
    expect(await admin.getRules("notes", "storage")).toBeNull();
    const rules = `rules_version = '2';
service cloud.firestore { match /databases/{db}/documents { match /{d=**} { allow read: if false; } } }`;
    await admin.deployRules("notes", "firestore", rules);
    expect(await admin.getRules("notes", "firestore")).toBe(rules);
  });

  it("sets, reads, pages through and deletes documents as plain JSON", async () => {
    const note = { title: "hi", stars: 3, ratio: 0.5, tags: ["a"], meta: { pinned: true } };
    await admin.setDocument("notes", "notes/n1", note);
    await admin.setDocument("notes", "notes/n2", { title: "two" });
    await admin.setDocument("notes", "notes/n3", { title: "three" });
    await admin.setDocument("notes", "notes/n1/comments/c1", { text: "nested" });
    expect(await admin.getDocument("notes", "notes/n1")).toMatchObject({
      path: "notes/n1",
      data: note,
    });
    expect(await admin.getDocument("notes", "notes/missing")).toBeUndefined();
    const first = await admin.listDocuments("notes", "notes", { limit: 2 });
    expect(first.documents.map((d) => d.path)).toEqual(["notes/n1", "notes/n2"]);
    expect(first.nextPageToken).toBe("notes/n2");
    const second = await admin.listDocuments("notes", "notes", {
      limit: 2,
      pageToken: first.nextPageToken!,
    });
    expect(second).toEqual({ documents: [expect.objectContaining({ path: "notes/n3" })] });
    const nested = await admin.listDocuments("notes", "notes/n1/comments", { limit: 5 });
    expect(nested.documents).toEqual([
      expect.objectContaining({ path: "notes/n1/comments/c1", data: { text: "nested" } }),
    ]);
    await admin.deleteDocument("notes", "notes/n2");
    expect(await admin.getDocument("notes", "notes/n2")).toBeUndefined();
  });

  it("lists users, disables them, sets claims and deletes them", async () => {
    // A sign-up makes the user once its mailed link is followed.
    const post = (path: string, body: object) =>
      fetch(`${url}/v1/projects/notes/auth/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    await post("signUp", { email: "ada@example.com", password: "a long enough password" });
    const token = runtime.auth.stores.outbox.lastToken("ada@example.com");
    expect((await post("confirmSignUp", { token })).ok).toBe(true);
    const { users } = await admin.listUsers("notes", { limit: 10 });
    const ada = users.find((u) => u.email === "ada@example.com")!;
    expect(ada).toMatchObject({ disabled: false, customClaims: {} });
    expect(await admin.updateUser("notes", ada.uid, { disabled: true })).toMatchObject({
      disabled: true,
    });
    const claimed = await admin.updateUser("notes", ada.uid, { claims: { role: "editor" } });
    expect(claimed.customClaims).toEqual({ role: "editor" });
    expect(await admin.deleteUser("notes", ada.uid)).toBe(true);
    expect(await admin.deleteUser("notes", ada.uid)).toBe(false);
    expect((await admin.listUsers("notes", { limit: 10 })).users).toEqual([]);
  });
});
