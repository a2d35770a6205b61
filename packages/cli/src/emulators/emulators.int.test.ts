import { execFile, spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { freePort } from "@winky/local-services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../../..", import.meta.url));
const bin = path.join(repo, "packages/cli/bin/winky.js");

function start(cwd: string, args: string[]) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [bin, "emulators:start", ...args], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exitCode = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Emulator ready")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exitCode.then((code) => reject(new Error(`emulators:start exited ${code}:\n${output}`)));
  });
  // Tests that expect a failed start never await `ready`: its rejection is not an error then.
  ready.catch(() => undefined);
  return { child, ready, exitCode, output: () => output };
}

describe("winky emulators:start", () => {
  let cwd: string;
  beforeAll(async () => {
    await promisify(execFile)("npm", ["run", "build", "--", "--filter=@winky/cli..."], {
      cwd: repo,
    });
    cwd = await mkdtemp(path.join(tmpdir(), "winky-emu-"));
    await chmod(cwd, 0o711);
  });
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  it("imports, serves, keeps data across restarts, and exports on exit", async () => {
    const port = await freePort();
    const importDir = path.join(cwd, "seed");
    await mkdir(importDir);
    const seed = {
      documents: [{ name: "notes/n1", fields: { title: { stringValue: "seeded" } } }],
    };
    await writeFile(path.join(importDir, "documents.json"), JSON.stringify(seed));
    const indexes = {
      indexes: [
        {
          collectionGroup: "notes",
          queryScope: "COLLECTION",
          fields: [
            { fieldPath: "tag", order: "ASCENDING" },
            { fieldPath: "at", order: "DESCENDING" },
          ],
        },
      ],
      fieldOverrides: [],
    };
    await writeFile(path.join(importDir, "firestore.indexes.json"), JSON.stringify(indexes));
    const exportDir = path.join(cwd, "export");

    const first = start(cwd, [
      "--port",
      `${port}`,
      "--project",
      "emu-app",
      "--import",
      importDir,
      "--export-on-exit",
      exportDir,
    ]);
    await first.ready;
    expect(first.output()).toContain("emu-app (created)");
    expect(first.output()).toContain(
      `Indexes      ${path.join(importDir, "firestore.indexes.json")}`,
    );
    const key = (
      await readFile(path.join(cwd, ".winky/emulator/emu-app.service-key"), "utf8")
    ).trim();
    const commit = await fetch(`http://127.0.0.1:${port}/v1/projects/emu-app/documents:commit`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({
        writes: [{ update: { name: "notes/n2", fields: { title: { stringValue: "live" } } } }],
      }),
    });
    expect(commit.status).toBe(200);
    first.child.kill("SIGINT");
    expect(await first.exitCode).toBe(0);
    const exported = JSON.parse(await readFile(path.join(exportDir, "documents.json"), "utf8"));
    expect(exported.documents.map((d: { name: string }) => d.name)).toEqual([
      "notes/n1",
      "notes/n2",
    ]);
    const exportedIndexes = await readFile(path.join(exportDir, "firestore.indexes.json"), "utf8");
    expect(JSON.parse(exportedIndexes)).toEqual(indexes);

    const second = start(cwd, ["--port", `${port}`, "--project", "emu-app"]);
    await second.ready;
    expect(second.output()).not.toContain("(created)");
    const doc = await fetch(`http://127.0.0.1:${port}/v1/projects/emu-app/documents/notes/n2`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(((await doc.json()) as { fields: unknown }).fields).toEqual({
      title: { stringValue: "live" },
    });
    second.child.kill("SIGINT");
    expect(await second.exitCode).toBe(0);
  });

  it("refuses a rules file with errors, naming line and column, and stops everything", async () => {
    const rules = path.join(cwd, "bad.rules");
    await writeFile(
      rules,
      "service cloud.firestore {\n  match /a/{id} { allow read: if nope(); }\n}\n",
    );
    const run = start(cwd, ["--port", `${await freePort()}`, "--rules", rules]);
    expect(await run.exitCode).toBe(1);
    expect(run.output()).toContain(`${rules}:2:`);
    expect(run.output()).toContain("was not deployed");
  });

  it("refuses an indexes file that is not valid, naming it", async () => {
    const file = path.join(cwd, "bad.indexes.json");
    await writeFile(file, JSON.stringify({ indexes: [{ collectionGroup: "a", fields: [] }] }));
    const run = start(cwd, ["--port", `${await freePort()}`, "--indexes", file]);
    expect(await run.exitCode).toBe(1);
    expect(run.output()).toContain(
      `${file} was not deployed: indexes[0].fields: a composite index needs at least 2 fields`,
    );
  });
});
