import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { hashApiToken } from "@winky/orchestrator/api";
import { useTestDatabase } from "@winky/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli.js";
import type { CliIo } from "../io.js";

/** `winky teams` on the platform database named by DATABASE_URL. */
describe("winky teams", () => {
  const database = useTestDatabase("cli_teams");
  let dir: string;
  let pool: pg.Pool;
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      out: (t) => void out.push(t),
      err: (t) => void err.push(t),
      env: { DATABASE_URL: database.url },
      cwd: dir,
      stopRequested: new Promise(() => undefined),
    };
    const code = await runCli(["teams", ...args, "--data-dir", dir], io);
    return { code, out: out.join(""), err: err.join("") };
  };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-teams-"));
    pool = new pg.Pool({ connectionString: database.url });
  });
  afterAll(async () => {
    await pool?.end();
    await rm(dir, { recursive: true, force: true });
  });

  it("creates a team and shows its owner's token once, keeping only its hash", async () => {
    const created = await run(["create", "acme", "--owner", "ada@example.com", "--json"]);
    expect(created.code, created.err).toBe(0);
    const { token, teamId, url } = JSON.parse(created.out) as Record<string, string>;
    expect(token).toMatch(/^wk_/);
    expect(url).toBe("http://127.0.0.1:4100/trpc");
    const { rows } = await pool.query(
      `select t.token_hash, t.role, m.role as member from api_tokens t
       join memberships m on m.user_id = t.user_id and m.team_id = t.team_id where t.team_id = $1`,
      [teamId],
    );
    expect(rows).toEqual([{ token_hash: hashApiToken(token!), role: "owner", member: "owner" }]);
    expect(JSON.stringify(rows)).not.toContain(token);
    const listed = await run(["list"]);
    expect(listed.out).toBe("acme  acme  1 member(s)\n");
  });

  it("refuses bad input naming the field, and a taken slug, creating nothing", async () => {
    const count = async () =>
      (await pool.query("select count(*)::int as n from teams")).rows[0].n as number;
    const before = await count();
    expect(await run(["create", "Acme Corp", "--owner", "ada@example.com"])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^winky: slug: 'Acme Corp' must be lower-case/),
    });
    expect(await run(["create", "globex", "--owner", "not-an-email"])).toMatchObject({
      code: 2,
      err: "winky: ownerEmail: must be an email address\n",
    });
    expect(await run(["create", "acme", "--owner", "bob@example.com"])).toMatchObject({
      code: 1,
      err: "winky: slug: a team 'acme' already exists\n",
    });
    expect((await run(["create", "globex"])).code).toBe(2);
    expect(await count()).toBe(before);
  });
});
