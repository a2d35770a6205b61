import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readWinkyFunctions } from "./read-winky-functions.js";

describe("readWinkyFunctions", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-fw-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const write = async (name: string, text: string) => {
    await mkdir(path.join(dir, "functions-winky"), { recursive: true });
    await writeFile(path.join(dir, "functions-winky", name), text);
  };

  it("is null without the folder", async () => {
    expect(await readWinkyFunctions(dir)).toBeNull();
  });

  it("reads each entry and its source into a deploy body", async () => {
    await write("greet.js", "export default () => 1;\n");
    const entry = {
      name: "greet",
      trigger: { kind: "callable" },
      memoryMb: 128,
      timeoutMs: 5000,
      secrets: ["MAIL_API_KEY"],
      file: "greet.js",
    };
    await write("functions.json", JSON.stringify([entry]));
    const read = await readWinkyFunctions(dir);
    expect(read).toMatchObject({ complete: true });
    expect(read!.functions).toEqual([
      {
        name: "greet",
        deploy: {
          source: "export default () => 1;\n",
          trigger: { kind: "callable" },
          memoryMb: 128,
          timeoutMs: 5000,
          secrets: ["MAIL_API_KEY"],
        },
      },
    ]);
    expect(read!.items[0]).toMatchObject({ verdict: "maps", name: "greet" });
    expect(read!.items[0]!.detail).toMatch(/set its secrets first: MAIL_API_KEY/);
  });

  it("blocks on a bad list, a bad entry, a missing source or one outside the folder", async () => {
    await write("functions.json", "[");
    expect(await readWinkyFunctions(dir)).toMatchObject({ complete: false });
    await write(
      "functions.json",
      JSON.stringify([
        { name: "9bad", trigger: { kind: "http" }, file: "a.js" },
        { name: "noKind", trigger: {}, file: "a.js" },
        { name: "missing", trigger: { kind: "http" }, file: "missing.js" },
        { name: "escape", trigger: { kind: "http" }, file: "../escape.js" },
      ]),
    );
    await writeFile(path.join(dir, "escape.js"), "export default () => 1;");
    const read = await readWinkyFunctions(dir);
    expect(read!.complete).toBe(false);
    expect(read!.functions).toEqual([]);
    expect(read!.items.map((i) => [i.verdict, i.detail])).toEqual([
      ["not-understood", expect.stringMatching(/name must start with a letter/)],
      ["not-understood", "trigger must be an object with a kind"],
      ["not-understood", expect.stringMatching(/missing\.js is missing/)],
      ["not-understood", expect.stringMatching(/outside functions-winky/)],
    ]);
  });
});
