import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { createServer, connect, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JobFiles } from "./job-files.js";

let base: string;
let source: string;
const opened: JobFiles[] = [];

async function open(services: { port: number; socket: string }[] = []): Promise<JobFiles> {
  const files = await JobFiles.create(source, services, base);
  opened.push(files);
  return files;
}

beforeEach(async () => {
  base = await mkdtemp(path.join(tmpdir(), "winky-job-files-"));
  source = path.join(base, "app");
  await mkdir(path.join(source, "src"), { recursive: true });
  await writeFile(path.join(source, "package.json"), "{}");
  await writeFile(path.join(source, "src/main.ts"), "export {};");
  await writeFile(path.join(source, "run.sh"), "#!/bin/sh\n", { mode: 0o755 });
  await symlink("/opt/winky/app-deps/node_modules", path.join(source, "node_modules"));
});

afterEach(async () => {
  for (const files of opened.splice(0)) await files.close();
  await rm(base, { recursive: true, force: true });
});

describe("JobFiles", () => {
  it("copies the workspace for the sandbox user, keeping modes and symlinks as they are", async () => {
    const files = await open();
    expect(await readFile(path.join(files.workspace, "src/main.ts"), "utf8")).toBe("export {};");
    expect((await stat(path.join(files.workspace, "run.sh"))).mode & 0o111).toBe(0o111);
    expect(await readlink(path.join(files.workspace, "node_modules"))).toBe(
      "/opt/winky/app-deps/node_modules",
    );
    const owner = (await stat(path.join(files.workspace, "src"))).uid;
    if (process.getuid?.() === 0) expect(owner).toBe(10001);
    expect((await stat(files.root)).mode & 0o777).toBe(0o711);
    expect(existsSync(path.join(files.jobDir, "forwarder.mjs"))).toBe(true);
  });

  it("brings back exactly what the job left: new files, changes, deletions", async () => {
    const files = await open();
    await writeFile(path.join(files.workspace, "src/main.ts"), "export const changed = 1;");
    await rm(path.join(files.workspace, "package.json"));
    await mkdir(path.join(files.workspace, "dist"));
    await writeFile(path.join(files.workspace, "dist/index.html"), "<html></html>");
    await files.copyBack(source);
    expect((await readdir(source)).sort()).toEqual(["dist", "run.sh", "src"]);
    expect(await readFile(path.join(source, "src/main.ts"), "utf8")).toContain("changed");
    expect(await readFile(path.join(source, "dist/index.html"), "utf8")).toBe("<html></html>");
    // Nothing is left beside the target.
    expect((await readdir(base)).filter((name) => name.startsWith("app."))).toEqual([]);
  });

  it("brings back only symlinks that stay inside the workspace, and no FIFOs", async () => {
    const files = await open();
    await symlink("/etc/passwd", path.join(files.workspace, "src/absolute"));
    await symlink("../../outside", path.join(files.workspace, "src/escaping"));
    await symlink("../run.sh", path.join(files.workspace, "src/inside"));
    execFileSync("mkfifo", [path.join(files.workspace, "pipe")]);
    await files.copyBack(source);
    expect((await readdir(path.join(source, "src"))).sort()).toEqual(["inside", "main.ts"]);
    expect(await readlink(path.join(source, "src/inside"))).toBe("../run.sh");
    expect(existsSync(path.join(source, "pipe"))).toBe(false);
    // The links to the baked dependencies lead out too: node_modules comes back without them.
    expect(existsSync(path.join(source, "node_modules"))).toBe(false);
  });

  it("relays each service socket to the caller's socket", async () => {
    const target = path.join(base, "runtime.sock");
    const server: Server = createServer((socket) => socket.end("from the runtime"));
    await new Promise<void>((resolve) => server.listen(target, resolve));
    try {
      const files = await open([{ port: 4000, socket: target }]);
      const answer = await new Promise<string>((resolve, reject) => {
        let text = "";
        connect(path.join(files.servicesDir, "4000.sock"))
          .on("data", (chunk) => (text += chunk.toString()))
          .on("end", () => resolve(text))
          .on("error", reject);
      });
      expect(answer).toBe("from the runtime");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("removes everything on close", async () => {
    const files = await open();
    await files.close();
    expect(existsSync(files.root)).toBe(false);
  });
});
