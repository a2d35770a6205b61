import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "@winky/runtime/testing";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureIo } from "../../test/capture-io.js";
import { runCli } from "../cli.js";

const PROJECT = "shop";

describe("winky users roles", () => {
  const database = useTestDatabase("cli_users");
  let runtime: TestRuntime;
  let url: string;
  let ada: { uid: string; refreshToken: string };
  let otherKey: string;
  let dir: string;

  const roles = (
    args: string[],
    env: Record<string, string> = { WINKY_ADMIN_KEY: TEST_ADMIN_KEY },
  ) => {
    const run = captureIo(env, dir);
    return runCli(["users", "roles", ...args], run.io).then((code) => ({ code, ...run }));
  };
  const claimsOfAda = async () =>
    (
      await runtime.app.inject({
        method: "GET",
        url: `/v1/projects/${PROJECT}/admin/users/${ada.uid}`,
        headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
      })
    ).json().user.customClaims;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-cli-users-"));
    runtime = await createTestRuntime(database.url);
    url = await runtime.app.listen({ port: 0, host: "127.0.0.1" });
    const key = await runtime.createProject(PROJECT);
    await writeFile(path.join(dir, "shop.key"), `${key}\n`);
    otherKey = await runtime.createProject("other-shop");
    const post = (route: string, payload: object) =>
      runtime.app.inject({ method: "POST", url: `/v1/projects/${PROJECT}/auth/${route}`, payload });
    await post("signUp", { email: "ada@example.com", password: "correct horse battery" });
    const token = runtime.auth.stores.outbox.lastToken("ada@example.com");
    ada = (await post("confirmSignUp", { token })).json();
    await runtime.app.inject({
      method: "PUT",
      url: `/v1/projects/${PROJECT}/admin/users/${ada.uid}/claims`,
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
      payload: { claims: { tier: "gold" } },
    });
  });
  afterAll(async () => {
    await runtime?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("makes the first admin, keeping the other claims, and the next token carries it", async () => {
    const run = await roles([
      "ada@example.com",
      "--grant",
      "admin",
      "--project",
      PROJECT,
      "--url",
      url,
    ]);
    expect(run.err()).toBe("");
    expect(run.code).toBe(0);
    expect(run.out()).toBe(
      `ada@example.com (${ada.uid}) in shop: roles admin\n` +
        "their ID token carries the change from its next refresh\n",
    );
    expect(await claimsOfAda()).toEqual({ tier: "gold", roles: ["admin"] });
    const refreshed = await runtime.app.inject({
      method: "POST",
      url: `/v1/projects/${PROJECT}/auth/token`,
      payload: { refreshToken: ada.refreshToken },
    });
    const idToken = refreshed.json().idToken as string;
    const claims = JSON.parse(Buffer.from(idToken.split(".")[1]!, "base64url").toString("utf8"));
    expect(claims).toMatchObject({ sub: ada.uid, roles: ["admin"] });
  });

  it("grants and revokes several at once, with the project's key file, the email in any case", async () => {
    const run = await roles(
      ["ADA@Example.COM", "--grant", "editor", "--grant", "support", "--revoke", "admin"].concat([
        "--project",
        PROJECT,
        "--url",
        `${url}/`,
        "--key-file",
        "shop.key",
      ]),
      {},
    );
    expect(run.code).toBe(0);
    expect(run.out()).toMatch(/^ada@example\.com \(\S+\) in shop: roles editor, support\n/);
    expect(await claimsOfAda()).toEqual({ tier: "gold", roles: ["editor", "support"] });
  });

  it("only shows the roles when asked for no change", async () => {
    const run = await roles(["ada@example.com", "--project", PROJECT, "--url", url]);
    expect(run.code).toBe(0);
    expect(run.out()).toBe(`ada@example.com (${ada.uid}) in shop: roles editor, support\n`);
  });

  it("says when no user has the email, and exits 1", async () => {
    const run = await roles([
      "nobody@example.com",
      "--grant",
      "admin",
      "--project",
      PROJECT,
      "--url",
      url,
    ]);
    expect(run.code).toBe(1);
    expect(run.err()).toBe("winky: no user with the email nobody@example.com in shop\n");
  });

  it("does not reach into another project: its users are not found, its key is refused", async () => {
    const elsewhere = await roles(["ada@example.com", "--project", "other-shop", "--url", url]);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.err()).toBe("winky: no user with the email ada@example.com in other-shop\n");
    const wrongKey = await roles(["ada@example.com", "--project", PROJECT, "--url", url], {
      WINKY_ADMIN_KEY: otherKey,
    });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.err()).toMatch(/^winky: the runtime refused \(40[13]\): /);
  });

  it("says when the runtime cannot be reached, and exits 1", async () => {
    const server = createServer().listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    server.close();
    await once(server, "close");
    const dead = `http://127.0.0.1:${port}`;
    const run = await roles(["ada@example.com", "--project", PROJECT, "--url", dead]);
    expect(run.code).toBe(1);
    expect(run.err()).toBe(`winky: cannot reach the runtime at ${dead} (ECONNREFUSED)\n`);
  });

  it.each([
    ["no --project", ["ada@example.com"], "users roles needs --project <id>"],
    ["no email", ["--project", PROJECT], "users roles takes one email"],
    ["a bad role name", ["a@b.io", "--project", "p", "--grant", "a b"], "'a b' is not a role name"],
    [
      "one role granted and revoked",
      ["a@b.io", "--project", "p", "--grant", "x", "--revoke", "x"],
      "--grant and --revoke both name 'x'",
    ],
    ["an unknown flag", ["a@b.io", "--project", "p", "--admin"], "--admin"],
  ])("refuses %s with the help and exit code 2", async (_what, args, message) => {
    const run = await roles(args);
    expect(run.code).toBe(2);
    expect(run.err()).toContain(message);
    expect(run.err()).toContain("Usage: winky <command>");
  });

  it("refuses an unknown users command", async () => {
    const run = captureIo({}, dir);
    expect(await runCli(["users", "delete", "a@b.io"], run.io)).toBe(2);
    expect(run.err()).toContain("unknown users command 'delete' (try: roles)");
  });
});
