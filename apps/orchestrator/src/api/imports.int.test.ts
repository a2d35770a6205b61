import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createWinkyClient } from "@winky/api-client";
import { migrate } from "@winky/db";
import { FIXTURE_COUNTS, makeFixtureProject } from "@winky/firebase-import/testing";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMemberWithToken,
  createTeam,
  refusal,
  startApi,
  type ApiHarness,
} from "./api.test-bed.js";

/** Every file under `dir` as the studio sends it: its path inside the folder, base64. */
async function folderFiles(dir: string): Promise<Array<{ path: string; base64: string }>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile());
  return Promise.all(
    files.map(async (e) => {
      const full = path.join(e.parentPath, e.name);
      return {
        path: path.relative(dir, full).split(path.sep).join("/"),
        base64: (await readFile(full)).toString("base64"),
      };
    }),
  );
}

const leftovers = async () =>
  (await readdir(tmpdir())).filter((name) => name.startsWith("winky-firebase-report-"));

describe("imports.firebaseReport: the compatibility report of an uploaded folder", () => {
  const database = useTestDatabase("api_imports");
  let api: ApiHarness;
  let token: string;
  let viewerToken: string;
  let fixture: string;

  beforeAll(async () => {
    await migrate(database.url);
    api = await startApi(database.url);
    const team = await createTeam(api.pool, "imports");
    token = team.token;
    ({ token: viewerToken } = await addMemberWithToken(
      api.pool,
      team.teamId,
      "viewer@example.com",
      "viewer",
    ));
    fixture = await mkdtemp(path.join(tmpdir(), "winky-imports-fixture-"));
    await makeFixtureProject(path.join(fixture, "notes-project"));
  });
  afterAll(async () => {
    await api?.close();
    if (fixture) await rm(fixture, { recursive: true, force: true });
  });

  it("reads the fixture project as the CLI does, naming the sender's folder, keeping nothing", async () => {
    const before = await leftovers();
    const files = await folderFiles(path.join(fixture, "notes-project"));
    const client = createWinkyClient({ url: api.url, token });
    const view = await client.imports.firebaseReport.mutate({ folder: "My notes", files });

    expect(view.blockers).toEqual([]);
    expect(view.found).toEqual({
      documents: FIXTURE_COUNTS.documents,
      users: FIXTURE_COUNTS.users,
      storageFiles: FIXTURE_COUNTS.files,
      siteFiles: expect.any(Number),
      functions: FIXTURE_COUNTS.functions,
    });
    expect(view.found.siteFiles).toBeGreaterThan(0);
    expect(view.score).toBeGreaterThan(0);
    const areas = new Set(view.items.map((i) => i.area));
    for (const area of ["functions", "firestore", "storage", "indexes", "auth", "hosting"]) {
      expect(areas, area).toContain(area);
    }
    const fn = view.items.find((i) => i.area === "functions" && i.source.file.endsWith(".ts"));
    expect(fn?.source.line).toBeGreaterThan(0);
    expect(view.markdown).toMatch(/^# Firebase import report: /);
    // Commands and paths name the folder as the sender has it, never the server's copy.
    const text = JSON.stringify(view);
    expect(text).not.toContain(tmpdir());
    // One shell word per path, however the folder is spelt.
    expect(view.nextCommands.join("\n")).toContain("'My notes/firestore.rules'");
    expect(view.markdown).toContain("'My notes/firestore.rules'");
    expect(await leftovers()).toEqual(before);
  });

  it("reads functions without their installed packages: a third-party import blocks nothing", async () => {
    const b64 = (text: string) => Buffer.from(text).toString("base64");
    const client = createWinkyClient({ url: api.url, token });
    const view = await client.imports.firebaseReport.mutate({
      folder: "shop",
      files: [
        { path: "firebase.json", base64: b64('{ "functions": { "source": "functions" } }') },
        { path: "functions/package.json", base64: b64('{ "main": "index.js" }') },
        {
          path: "functions/index.js",
          base64: b64(`const functions = require("firebase-functions");
const Stripe = require("stripe");
exports.charge = functions.https.onCall(() => new Stripe("k"));`),
        },
      ],
    });
    expect(view.blockers).toEqual([]);
    expect(view.found.functions).toBe(1);
    expect(view.items.find((i) => i.name === "functions.charge")?.verdict).toBe("maps");
  });

  it("lists what blocks the import of a folder with no firebase.json", async () => {
    const client = createWinkyClient({ url: api.url, token });
    const view = await client.imports.firebaseReport.mutate({
      folder: "My Project (old)",
      files: [{ path: "firestore.rules", base64: Buffer.from("service x {").toString("base64") }],
    });
    expect(view.folder).toBe("My Project (old)");
    expect(view.blockers).not.toEqual([]);
    expect(view.blockers[0]).toMatchObject({ where: expect.stringContaining("firebase.json") });
  });

  it("refuses a bad upload naming the field, and leaves nothing behind", async () => {
    const before = await leftovers();
    const client = createWinkyClient({ url: api.url, token });
    const body = Buffer.from("{}").toString("base64");
    const cases: Array<[Array<{ path: string; base64: string }>, RegExp]> = [
      [[], /^files: the folder is empty/],
      [
        [{ path: "../firebase.json", base64: body }],
        /^files\[0\]\.path: "\.\.\/firebase\.json" uses \. or \.\. segments/,
      ],
      [[{ path: "/etc/passwd", base64: body }], /^files\[0\]\.path: .* is absolute/],
      [[{ path: "a\\b.json", base64: body }], /^files\[0\]\.path: .* uses backslashes/],
      [
        [
          { path: "firebase.json", base64: body },
          { path: "firebase.json", base64: body },
        ],
        /^files\[1\]\.path: "firebase\.json" is sent twice/,
      ],
      [
        [
          { path: "functions", base64: body },
          { path: "functions/index.js", base64: body },
        ],
        /^files\[0\]\.path: "functions" is both a file and a folder/,
      ],
      [
        [{ path: "firebase.json", base64: "not base64!" }],
        /^files\[0\]\.base64: the body of firebase\.json is not base64/,
      ],
      [
        [
          {
            path: "firestore-data/big.json",
            base64: Buffer.alloc(8 * 1024 * 1024 + 1).toString("base64"),
          },
        ],
        /^files: the folder is over 8 MiB .*winky import firebase <dir> --report-only/,
      ],
    ];
    for (const [files, message] of cases) {
      const e = await refusal(client.imports.firebaseReport.mutate({ folder: "p", files }));
      expect(e.code, `${message.source}: ${e.message}`).toBe("BAD_REQUEST");
      expect(e.message).toMatch(message);
    }
    const longName = `${"é".repeat(128)}.json`; // 256 bytes
    const long = await refusal(
      client.imports.firebaseReport.mutate({
        folder: "p",
        files: [{ path: longName, base64: body }],
      }),
    );
    expect(long.message).toMatch(/^files\[0\]\.path: .* has a name over 255 bytes/);
    const badFolder = await refusal(
      client.imports.firebaseReport.mutate({ folder: "a/b", files: [{ path: "x", base64: body }] }),
    );
    expect(badFolder.message).toMatch(/^folder: a folder name, without \//);
    const badProject = await refusal(
      client.imports.firebaseReport.mutate({ folder: "p", project: "Bad_Id", files: [] }),
    );
    expect(badProject.message).toMatch(/^project: a project id/);
    expect(await leftovers()).toEqual(before);
  });

  it("is for members: a viewer is refused", async () => {
    const client = createWinkyClient({ url: api.url, token: viewerToken });
    const e = await refusal(
      client.imports.firebaseReport.mutate({
        folder: "p",
        files: [{ path: "firebase.json", base64: "e30=" }],
      }),
    );
    expect(e.code).toBe("FORBIDDEN");
  });
});
