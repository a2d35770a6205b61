import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readStorageFiles } from "./storage-files.js";

describe("readStorageFiles", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-storage-files-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const put = async (name: string, text = "x") => {
    await mkdir(path.dirname(path.join(dir, "storage-files", name)), { recursive: true });
    await writeFile(path.join(dir, "storage-files", name), text);
  };

  it("is null without the folder", async () => {
    expect(await readStorageFiles(dir)).toBeNull();
  });

  it("names objects by their path below the folder, typed by extension, in order", async () => {
    await put("images/u1/b.PNG", "png!");
    await put("images/u1/a.jpg");
    await put("notes.unknownext");
    const storage = await readStorageFiles(dir);
    expect(storage?.complete).toBe(true);
    expect(storage?.files.map((f) => [f.name, f.contentType, f.size])).toEqual([
      ["images/u1/a.jpg", "image/jpeg", 1],
      ["images/u1/b.PNG", "image/png", 4],
      ["notes.unknownext", "application/octet-stream", 1],
    ]);
    expect(storage?.items[0]).toMatchObject({
      verdict: "maps",
      detail: expect.stringMatching(/^3 files \(6 bytes\)/),
    });
  });

  it("lists links as left out, and blocks on names the bucket refuses", async () => {
    await put("ok.txt");
    await symlink("/etc/passwd", path.join(dir, "storage-files", "link"));
    await put("bad\u0001name.txt");
    const storage = await readStorageFiles(dir);
    expect(storage?.files.map((f) => f.name)).toEqual(["ok.txt"]);
    expect(storage?.complete).toBe(false);
    const verdicts = storage!.items.map((i) => [i.name, i.verdict]);
    expect(verdicts).toContainEqual(["link", "not-understood"]);
    expect(verdicts).toContainEqual(["bad\u0001name.txt", "needs-change"]);
  });
});
