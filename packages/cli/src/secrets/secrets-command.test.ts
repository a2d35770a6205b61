import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli.js";
import type { CliIo } from "../io.js";
import { gitRemoteOf } from "../runs/generation-stack.js";

/** The local secret store through `winky secrets`, on a temp data dir's encrypted file. */
describe("winky secrets", () => {
  let dir: string;
  // Assembled at run time: no key-shaped literal in Git.
  const token = ["ghp", "s3cretTokenValue0123456789abcdef"].join("_");
  const run = async (args: string[], stdin?: string, env: Record<string, string> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      out: (t) => void out.push(t),
      err: (t) => void err.push(t),
      env,
      cwd: dir,
      stopRequested: new Promise(() => undefined),
      ...(stdin === undefined ? {} : { readStdin: async () => stdin }),
    };
    // A data dir that does not exist yet: the first command makes it.
    const code = await runCli(["secrets", ...args, "--data-dir", path.join(dir, "data")], io);
    return { code, out: out.join(""), err: err.join("") };
  };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-secrets-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("sets a value from standard input, lists it without the value, stores it encrypted", async () => {
    const set = await run(["set", "GIT_PUSH_TOKEN"], `${token}\n`);
    expect(set).toMatchObject({
      code: 0,
      out: "Set GIT_PUSH_TOKEN in winky-platform (version 1).\n",
    });
    const listed = await run(["list"]);
    expect(listed.out).toMatch(/^GIT_PUSH_TOKEN {2}version 1 {2}set \d{4}-/);
    expect(listed.out + set.out).not.toContain(token);
    expect(await readFile(path.join(dir, "data/secrets.json"), "utf8")).not.toContain(token);
    expect((await run(["list", "--scope", "notes"])).out).toBe("No secrets in notes.\n");
  });

  it("is where generation runs read their push password", async () => {
    const env = { WINKY_GIT_REMOTE: "https://git.example.com/acme/{app}.git" };
    const remote = gitRemoteOf(path.join(dir, "data"), env).gitRemote!;
    expect(remote.url("notes")).toBe("https://git.example.com/acme/notes.git");
    expect((await remote.password!())?.reveal()).toBe(token);
    expect(() =>
      gitRemoteOf(path.join(dir, "data"), { WINKY_GIT_REMOTE: "https://git.example.com/one.git" }),
    ).toThrow(/WINKY_GIT_REMOTE must contain \{app\}/);
    expect(gitRemoteOf(path.join(dir, "data"), {})).toEqual({});
  });

  it("deletes, after which a push has no password", async () => {
    expect((await run(["delete", "GIT_PUSH_TOKEN"])).out).toBe(
      "Deleted GIT_PUSH_TOKEN from winky-platform.\n",
    );
    expect((await run(["delete", "GIT_PUSH_TOKEN"])).out).toBe(
      "winky-platform has no GIT_PUSH_TOKEN.\n",
    );
    const remote = gitRemoteOf(path.join(dir, "data"), {
      WINKY_GIT_REMOTE: "file:///tmp/{app}.git",
    }).gitRemote!;
    expect(await remote.password!()).toBeUndefined();
  });

  it("refuses bad input: no value, a name that is not one, a bad scope, no name", async () => {
    expect(await run(["set", "EMPTY"], "\n")).toMatchObject({ code: 2 });
    expect(await run(["set", "lower_case"], "x")).toMatchObject({ code: 2 });
    const scope = await run(["set", "OK_NAME", "--scope", "Not A Project"], "x");
    expect(scope.code).toBe(1);
    expect(scope.err).not.toContain("x\n");
    expect(await run(["delete"])).toMatchObject({ code: 2 });
    expect(await run(["rotate"])).toMatchObject({ code: 2 });
  });
});
