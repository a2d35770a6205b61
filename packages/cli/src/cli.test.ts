import { describe, expect, it } from "vitest";
import { runCli } from "./cli.js";
import { COMMANDS } from "./help.js";
import type { CliIo } from "./io.js";

function fakeIo(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    env,
    cwd: "/tmp",
    stopRequested: new Promise(() => undefined),
  };
  return { io, out: () => out.join(""), err: () => err.join("") };
}

describe("winky", () => {
  it("--help lists every command with one line each and exits 0", async () => {
    const { io, out } = fakeIo();
    expect(await runCli(["--help"], io)).toBe(0);
    for (const command of COMMANDS) {
      const name = command.name.replace(/[|<>"]/g, (c) => `\\${c}`);
      expect(out()).toMatch(new RegExp(`^  ${name} +\\S.*$`, "m"));
    }
  });

  it("prints its version", async () => {
    const { io, out } = fakeIo();
    expect(await runCli(["--version"], io)).toBe(0);
    expect(out()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  describe("with bad input", () => {
    it("an unknown command prints the help and exits 2", async () => {
      const { io, err } = fakeIo();
      expect(await runCli(["deploy-everything"], io)).toBe(2);
      expect(err()).toContain("unknown command 'deploy-everything'");
      expect(err()).toContain("Usage: winky <command>");
    });

    it("an unknown flag prints the help and exits 2", async () => {
      const { io, err } = fakeIo();
      expect(await runCli(["dev", "--turbo-mode"], io)).toBe(2);
      expect(err()).toMatch(/--turbo-mode/);
      expect(err()).toContain("Usage: winky <command>");
    });

    it("a port that is not a number exits 2 naming the flag", async () => {
      const { io, err } = fakeIo();
      expect(await runCli(["dev", "--studio-port", "http"], io)).toBe(2);
      expect(err()).toContain("--studio-port must be a port number");
    });

    it("no command at all prints the help and exits 2", async () => {
      const { io, out } = fakeIo();
      expect(await runCli([], io)).toBe(2);
      expect(out()).toContain("Commands:");
    });
  });
});
