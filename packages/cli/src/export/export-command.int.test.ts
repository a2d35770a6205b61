import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  AdminClient,
  getFunction,
  getIndexes,
  readSiteFile,
  releasedSite,
} from "@winky/admin-client";
import { FsBlobStore } from "@winky/blob-store";
import {
  FIREBASE_MADE_USER,
  FIXTURE_COUNTS,
  makeFixtureProject,
  passwordOf,
} from "@winky/firebase-import/testing";
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
import { filesOf, FUNCTIONS, objectsOf } from "./round-trip.test-bed.js";

const A = "round-a";
const B = "round-b";
describe("winky export", () => {
  const database = useTestDatabase("cli_export");
  let runtime: TestRuntime;
  let url: string;
  let work: string;
  let client: AdminClient;

  const cli = async (
    args: string[],
    env: Record<string, string> = { WINKY_ADMIN_KEY: TEST_ADMIN_KEY },
  ) => {
    const run = captureIo(env, work);
    const code = await runCli(args, run.io);
    return { code, out: run.out(), err: run.err() };
  };
  const exportCli = (project: string, out: string) =>
    cli(["export", "--project", project, "--out", out, "--url", url, "--json"]);
  const importCli = (dir: string, project: string) =>
    cli(["import", "firebase", dir, "--project", project, "--url", url, "--json"]);
  const signIn = (project: string, email: string, password: string) =>
    runtime.app.inject({
      method: "POST",
      url: `/v1/projects/${project}/auth/signIn`,
      payload: { email, password },
    });
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "winky-cli-export-"));
    runtime = await createTestRuntime(database.url, {
      blobs: new FsBlobStore(path.join(work, "blobs")),
      usersInPostgres: true,
      hosting: { domain: "localhost" },
      // Deploying a function bundles and stores it: nothing runs, so no real sandbox.
      functions: { sandbox: deployOnlySandbox() },
    });
    url = await runtime.app.listen({ port: 0, host: "127.0.0.1" });
    client = new AdminClient(url, TEST_ADMIN_KEY);
    const fixture = path.join(work, "fixture");
    await makeFixtureProject(fixture);
    const imported = await importCli(fixture, A);
    expect(imported.code, imported.err).toBe(0);
  });
  afterAll(async () => {
    await runtime?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("round-trips: import → export → import → export gives the same folder and project", async () => {
    // Project A: the fixture, one user rehashed by a sign-in, users without passwords, functions.
    const ada = await signIn(A, FIREBASE_MADE_USER.email, FIREBASE_MADE_USER.password);
    expect(ada.statusCode, ada.body).toBe(200);
    await client.importUsers(A, {
      users: [
        { uid: "anon-1", anonymous: true, createdAt: "2024-03-01T00:00:00.000Z" },
        {
          uid: "google-only",
          providers: [{ providerId: "google", subject: "g-77", email: "g@gmail.com" }],
        },
      ],
    });
    for (const [name, body] of Object.entries(FUNCTIONS))
      await client.deployFunction(A, name, body);
    // A second site version with every option the layout carries: clean URLs and headers.
    const call = client.request.bind(client);
    const released = (await releasedSite(call, A))!;
    const files = new Map<string, Uint8Array>();
    for (const [sitePath, { hash }] of Object.entries(released.files)) {
      files.set(sitePath, await readSiteFile(call, A, hash));
    }
    await client.deploySite(A, files, {
      spa: true,
      cleanUrls: true,
      headers: [{ source: "**/*.js", headers: { "Cache-Control": "max-age=60" } }],
    });

    const dir1 = path.join(work, "dir1");
    const first = await exportCli(A, dir1);
    expect(first.code, first.err).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({
      documents: 1000,
      users: 52,
      rehashedUsers: 1,
      files: 20,
      site: 2,
      // The fixture's 13, deployed through the compatibility layer by the import, and 2 more.
      functions: FIXTURE_COUNTS.functions + 2,
      indexes: 2,
      rules: ["firestore.rules", "storage.rules"],
      warnings: [],
    });
    const second = await importCli(dir1, B);
    expect(second.code, second.err).toBe(0);
    expect(JSON.parse(second.out).import).toMatchObject({
      users: 52,
      winkyFunctions: FIXTURE_COUNTS.functions + 2,
      functions: 0,
    });
    const dir2 = path.join(work, "dir2");
    expect((await exportCli(B, dir2)).code).toBe(0);

    // The folders, file by file: only the project id and the export's time may differ.
    const one = await filesOf(dir1);
    const two = await filesOf(dir2);
    expect([...two.keys()].sort()).toEqual([...one.keys()].sort());
    expect([...one.keys()]).toEqual(
      expect.arrayContaining([
        "firebase.json",
        ".firebaserc",
        "README.md",
        "firestore.rules",
        "storage.rules",
        "firestore.indexes.json",
        "firestore-data/documents.json",
        "auth-users.json",
        "auth-hash-config.txt",
        "auth-users.standard-scrypt.json",
        "auth-hash-config.standard-scrypt.txt",
        "public/index.html",
        "functions-winky/functions.json",
        "functions-winky/greet.js",
        "storage-files/public/notes-16.txt",
      ]),
    );
    const sameProject = (text: string) =>
      text
        .replaceAll(`projects/${A}/`, `projects/${B}/`)
        .replaceAll(`"${A}"`, `"${B}"`)
        .replace(/^# round-a/, "# round-b");
    for (const [name, bytes] of one) {
      if (name === "firestore-data/documents.json") {
        const strip = (b: Buffer) => {
          const { exportedAt: _t, project: _p, ...rest } = JSON.parse(sameProject(b.toString()));
          return rest;
        };
        expect(strip(two.get(name)!), name).toEqual(strip(bytes));
      } else if ([".firebaserc", "README.md"].includes(name)) {
        expect(two.get(name)!.toString(), name).toBe(sameProject(bytes.toString()));
      } else {
        expect(two.get(name)!.equals(bytes), name).toBe(true);
      }
    }
    expect(JSON.parse(one.get(".firebaserc")!.toString())).toEqual({ projects: { default: A } });
    expect(JSON.parse(one.get("firebase.json")!.toString()).hosting).toMatchObject({
      public: "public",
      rewrites: [{ source: "**", destination: "/index.html" }],
      cleanUrls: true,
      headers: [{ source: "**/*.js", headers: [{ key: "Cache-Control", value: "max-age=60" }] }],
    });
    expect(one.get("auth-hash-config.standard-scrypt.txt")!.toString()).toMatch(
      /algorithm: STANDARD_SCRYPT/,
    );
    expect(one.get("README.md")!.toString()).toMatch(
      /firebase auth:import auth-users\.standard-scrypt\.json --hash-algo=STANDARD_SCRYPT/,
    );

    // The projects, through the admin API.
    const docs = async (p: string) =>
      (await client.request("GET", `/v1/projects/${p}/admin/export`)).json() as Promise<{
        documents: { name: string; fields: unknown }[];
      }>;
    const [docsA, docsB] = [await docs(A), await docs(B)];
    expect(docsB.documents).toHaveLength(docsA.documents.length);
    for (const name of ["samples/sample-00", "samples/sample-05", "users/user-03/notes/note-00"]) {
      const a = docsA.documents.find((d) => d.name === name)!;
      const b = docsB.documents.find((d) => d.name === name)!;
      expect(JSON.parse(sameProject(JSON.stringify(a.fields)))).toEqual(b.fields);
    }
    const usersA = await client.exportUsers(A);
    expect(usersA.find((u) => u.uid === FIREBASE_MADE_USER.uid)!.passwordHash).toMatch(/^scrypt\$/);
    expect(usersA.find((u) => u.uid === "user-05")!.passwordHash).toMatch(/^firebase-scrypt\$/);
    expect(await client.exportUsers(B)).toEqual(usersA);
    expect(await objectsOf(client, B)).toEqual(await objectsOf(client, A));
    for (const service of ["firestore", "storage"] as const) {
      expect(await client.getRules(B, service)).toBe(await client.getRules(A, service));
    }
    expect(await getIndexes(call, B)).toEqual(await getIndexes(call, A));
    const siteA = await releasedSite(call, A);
    const siteB = await releasedSite(call, B);
    expect(siteA!.config).toEqual({
      spa: true,
      cleanUrls: true,
      headers: [{ source: "**/*.js", headers: { "Cache-Control": "max-age=60" } }],
    });
    expect({ ...siteB!, version: 0 }).toEqual({ ...siteA!, version: 0 });
    for (const name of Object.keys(FUNCTIONS)) {
      const { version: _a, ...a } = await getFunction(call, A, name);
      const { version: _b, ...b } = await getFunction(call, B, name);
      expect(b).toEqual(a);
    }

    // Both kinds of hash sign in to B with the old passwords.
    const rehashed = await signIn(B, FIREBASE_MADE_USER.email, FIREBASE_MADE_USER.password);
    expect(rehashed.statusCode, rehashed.body).toBe(200);
    expect((await signIn(B, "user05@example.com", passwordOf(5))).statusCode).toBe(200);
    expect((await signIn(B, "user05@example.com", "wrong password")).statusCode).toBe(401);
  });

  describe("bad input: exit 1 (2 for usage), a clear line, nothing written", () => {
    it("a project that does not exist", async () => {
      const out = path.join(work, "nothing");
      const { code, err } = await exportCli("no-such-project", out);
      expect(code).toBe(1);
      expect(err).toMatch(/project no-such-project does not exist \(nothing was written\)/);
      await expect(readdir(out)).rejects.toThrow(/ENOENT/);
    });

    it("an --out folder that is not empty", async () => {
      const out = path.join(work, "taken");
      await mkdir(out);
      await writeFile(path.join(out, "keep.txt"), "mine");
      const { code, err } = await exportCli(A, out);
      expect(code).toBe(1);
      expect(err).toMatch(/taken is not empty: export into a new or empty folder/);
      expect(await readdir(out)).toEqual(["keep.txt"]);
    });

    it("no operator key", async () => {
      const out = path.join(work, "no-key");
      const { code, err } = await cli(["export", "--project", A, "--out", out, "--url", url], {});
      expect(code).toBe(2);
      expect(err).toMatch(/no operator key: the export reads users with their password hashes/);
      await expect(readdir(out)).rejects.toThrow(/ENOENT/);
    });

    it("no --project or --out", async () => {
      expect((await cli(["export", "--out", "x"])).err).toMatch(/export needs --project/);
      expect((await cli(["export", "--project", A])).err).toMatch(/export needs --out/);
    });
  });
});
