import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { FsBlobStore } from "@winky/blob-store";
import {
  FIREBASE_MADE_USER,
  FIXTURE_COUNTS,
  makeFixtureProject,
  passwordOf,
} from "@winky/firebase-import/testing";
import type { SmokeResult } from "@winky/firebase-import";
import {
  createTestRuntime,
  deployOnlySandbox,
  TEST_ADMIN_KEY,
  type TestRuntime,
} from "@winky/runtime/testing";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureIo } from "../../test/capture-io.js";
import { runCli } from "../cli.js";

const PROJECT = "notes-fixture";

describe("winky import firebase", () => {
  const database = useTestDatabase("cli_import");
  let runtime: TestRuntime;
  let url: string;
  let work: string;
  let fixture: string;

  const importCli = async (dir: string, ...args: string[]) => {
    const run = captureIo({ WINKY_ADMIN_KEY: TEST_ADMIN_KEY }, work);
    const code = await runCli(["import", "firebase", dir, "--url", url, ...args], run.io);
    return { code, out: run.out(), err: run.err() };
  };
  const admin = (method: "GET" | "POST", url: string, payload?: object) =>
    runtime.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
      ...(payload ? { payload } : {}),
    });
  const projectExists = async (id: string) =>
    (await admin("GET", `/v1/admin/projects/${id}`)).statusCode === 200;
  const count = async (table: string, id: string) =>
    Number(
      (
        await runtime.pool.query(`select count(*) from runtime.${table} where project_id = $1`, [
          id,
        ])
      ).rows[0].count,
    );
  const objects = async (id: string) =>
    (
      (await admin("GET", `/v1/projects/${id}/storage/o?prefix=`)).json() as {
        items: { name: string }[];
      }
    ).items;
  /** A copy of the fixture, changed by `edit`. */
  const variant = async (name: string, edit: (dir: string) => Promise<void>) => {
    const dir = path.join(work, name);
    await makeFixtureProject(dir);
    await edit(dir);
    return dir;
  };

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "winky-cli-import-"));
    runtime = await createTestRuntime(database.url, {
      blobs: new FsBlobStore(path.join(work, "blobs")),
      usersInPostgres: true,
      hosting: { domain: "localhost" },
      // Deploys bundle and store; running the functions is the compatibility layer's own test.
      functions: { sandbox: deployOnlySandbox() },
      // Small enough that one added file makes the upload fail half-way through an import.
      maxObjectSize: 64 * 1024,
    });
    url = await runtime.app.listen({ port: 0, host: "127.0.0.1" });
    fixture = path.join(work, "fixture");
    await makeFixtureProject(fixture);
  });
  afterAll(async () => {
    await runtime?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("reports every item without writing anything with --report-only", async () => {
    const { code, out } = await importCli(fixture, "--report-only");
    expect(code).toBe(0);
    expect(out).toMatch(/^# Firebase import report: notes-fixture\n\nScore: \d+\/100/);
    for (const name of [
      "api",
      "shareNote",
      "noteCreated",
      "profileCreated",
      "accounts-created",
      "weeklyDigest",
      "onImageDeleted",
    ]) {
      expect(out).toContain(`**functions.${name}**`);
    }
    expect(out).toMatch(/MAIL_API_KEY/);
    expect(out).toMatch(/functions\.config\(\)/);
    expect(out).toMatch(/50 users keep their uid/);
    expect(out).toMatch(/20 files \(\d+ bytes\)/);
    expect(await projectExists(PROJECT)).toBe(false);
  });

  it("imports the fixture completely, and a user signs in with the old password", async () => {
    const { code, out, err } = await importCli(fixture, "--json");
    expect(err).not.toMatch(/winky:/);
    expect(code).toBe(0);
    const result = JSON.parse(out) as {
      project: string;
      import: Record<string, unknown>;
      items: unknown[];
    };
    expect(result.import).toMatchObject({
      project: PROJECT,
      documents: FIXTURE_COUNTS.documents,
      users: FIXTURE_COUNTS.users,
      files: FIXTURE_COUNTS.files,
      indexes: 2,
      rules: ["firestore.rules", "storage.rules"],
      site: 2,
      functions: FIXTURE_COUNTS.functions,
    });
    expect(await count("documents", PROJECT)).toBe(FIXTURE_COUNTS.documents);
    expect(await count("users", PROJECT)).toBe(FIXTURE_COUNTS.users);
    const smoke = (result as unknown as { smoke: SmokeResult }).smoke;
    expect(smoke.ok).toBe(true);
    expect(smoke.counts.map((c) => [c.what, c.source, c.imported])).toEqual([
      ["documents", 1000, 1000],
      ["users", 50, 50],
      ["storage files", 20, 20],
      ["site files", 2, 2],
      ["functions", 13, 13],
    ]);
    const verdict = (request: string, who: string) =>
      smoke.decisions.find((d) => d.request === request && d.who.startsWith(who))?.allowed;
    // firestore.rules: a user's notes are theirs alone; tags are public; samples need a sign-in.
    expect(verdict("get users/user-00/notes/note-00", "owner")).toBe(true);
    expect(verdict("update users/user-00/notes/note-00", "owner")).toBe(true);
    expect(verdict("get users/user-00/notes/note-00", "another user")).toBe(false);
    expect(verdict("get users/user-00/notes/note-00", "signed out")).toBe(false);
    expect(verdict("get tags/tag-0", "signed out")).toBe(true);
    expect(verdict("get samples/sample-00", "signed out")).toBe(false);
    expect(verdict("get images/user-00/photo-0.png", "owner")).toBe(true);
    expect(verdict("get images/user-00/photo-0.png", "signed out")).toBe(false);
    expect((await objects(PROJECT)).length).toBe(FIXTURE_COUNTS.files);
    const page = await runtime.app.inject({
      method: "GET",
      url: `/v1/projects/${PROJECT}/hosting/any/route`,
    });
    expect(page.body).toContain("<title>Notes</title>");
    const sample = (
      await admin("GET", `/v1/projects/${PROJECT}/documents/samples/sample-00`)
    ).json();
    expect(sample.fields.count).toEqual({ integerValue: "9223372036854775807" });
    expect(sample.fields.owner).toEqual({
      referenceValue: `projects/${PROJECT}/databases/(default)/documents/users/user-00`,
    });

    const signIn = (email: string, password: string) =>
      runtime.app.inject({
        method: "POST",
        url: `/v1/projects/${PROJECT}/auth/signIn`,
        payload: { email, password },
      });
    const hashOf = async (uid: string) =>
      (
        await runtime.pool.query(
          "select password_hash from runtime.users where project_id = $1 and uid = $2",
          [PROJECT, uid],
        )
      ).rows[0].password_hash as string;
    expect(await hashOf(FIREBASE_MADE_USER.uid)).toMatch(/^firebase-scrypt\$/);
    // The hash Firebase itself made, then one the fixture made with Firebase's parameters.
    expect((await signIn(FIREBASE_MADE_USER.email, "wrong password")).statusCode).toBe(401);
    const ada = await signIn(FIREBASE_MADE_USER.email, FIREBASE_MADE_USER.password);
    expect(ada.statusCode).toBe(200);
    expect(ada.json().idToken).toEqual(expect.any(String));
    expect(await hashOf(FIREBASE_MADE_USER.uid)).toMatch(/^scrypt\$/);
    expect((await signIn(FIREBASE_MADE_USER.email, FIREBASE_MADE_USER.password)).statusCode).toBe(
      200,
    );
    expect((await signIn("user05@example.com", passwordOf(5))).statusCode).toBe(200);
  });

  it("refuses a project that exists, writing nothing", async () => {
    const { code, err } = await importCli(fixture);
    expect(code).toBe(1);
    expect(err).toMatch(/project notes-fixture exists already/);
    expect(await count("documents", PROJECT)).toBe(FIXTURE_COUNTS.documents);
  });

  it("rolls everything back when a write fails half-way", async () => {
    const dir = await variant("too-big", async (d) => {
      await writeFile(
        path.join(d, "storage-files", "public", "zz-big.bin"),
        Buffer.alloc(100 * 1024, 1),
      );
    });
    const { code, err } = await importCli(dir, "--project", "half-way");
    expect(code).toBe(1);
    expect(err).toMatch(/documents written/);
    expect(err).toMatch(
      /the import failed and was rolled back \(project half-way deleted again\): uploading public\/zz-big\.bin/,
    );
    expect(await projectExists("half-way")).toBe(false);
    expect(await count("documents", "half-way")).toBe(0);
    expect(await count("users", "half-way")).toBe(0);
    await runtime.createProject("half-way");
    expect(await objects("half-way")).toEqual([]);
  });

  describe("bad input: a clear report line, exit 1, nothing written", () => {
    const refused = async (dir: string, project: string, line: RegExp) => {
      const { code, out, err } = await importCli(dir, "--project", project);
      expect(code).toBe(1);
      expect(out).toMatch(line);
      expect(err).toMatch(/nothing was written/);
      expect(await projectExists(project)).toBe(false);
    };

    it("a folder with no firebase.json", async () => {
      await refused(work, "bad-none", /no firebase\.json in /);
    });

    it("malformed firebase.json", async () => {
      const dir = await variant("bad-json", (d) => appendFile(path.join(d, "firebase.json"), "}"));
      await refused(
        dir,
        "bad-json",
        /`firebase\.json:\d+:\d+` \*\*firebase\.json\*\* \(project\): malformed JSON/,
      );
    });

    it("rules with a syntax error", async () => {
      const dir = await variant("bad-rules", async (d) => {
        const file = path.join(d, "firestore.rules");
        await writeFile(
          file,
          (await readFile(file, "utf8")).replace(
            "allow read: if signedIn();",
            "allow read: if signedIn(;",
          ),
        );
      });
      await refused(dir, "bad-rules", /`firestore\.rules:8:\d+`/);
    });

    it("functions that do not parse", async () => {
      const dir = await variant("bad-functions", (d) =>
        appendFile(
          path.join(d, "functions", "src", "notes.ts"),
          '\nexport const broken = onDocumentCreated("x/{y}", (e) => {\n',
        ),
      );
      await refused(dir, "bad-functions", /`functions\/src\/notes\.ts:\d+:\d+`/);
    });

    it("a data file cut in half", async () => {
      const dir = await variant("bad-data", async (d) => {
        const file = path.join(d, "firestore-data", "notes.json");
        const text = await readFile(file, "utf8");
        await writeFile(file, text.slice(0, text.length / 2));
      });
      await refused(dir, "bad-data", /`firestore-data\/notes\.json:\d+:\d+`/);
    });
  });
});
