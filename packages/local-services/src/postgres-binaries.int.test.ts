import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { binariesRunnableBy, postgresServiceUser, userCan } from "./postgres-binaries.js";

describe.skipIf(process.getuid?.() !== 0)("binariesRunnableBy, as root", () => {
  it("copies binaries the postgres user cannot reach into a world-readable cache", async () => {
    const user = (await postgresServiceUser())!;
    const hidden = await mkdtemp(path.join(tmpdir(), "winky-hidden-")); // mode 0700
    const version = `0.0.0-test-${path.basename(hidden)}`;
    const cache = path.join(tmpdir(), `winky-postgres-${version}`);
    try {
      await mkdir(path.join(hidden, "native", "bin"), { recursive: true });
      for (const name of ["postgres", "initdb"]) {
        await writeFile(path.join(hidden, "native", "bin", name), "#!/bin/sh\nexit 0\n");
        await chmod(path.join(hidden, "native", "bin", name), 0o755);
      }
      const original = {
        version,
        postgres: path.join(hidden, "native", "bin", "postgres"),
        initdb: path.join(hidden, "native", "bin", "initdb"),
      };
      expect(await userCan(user, "-x", original.postgres)).toBe(false);
      const usable = await binariesRunnableBy(user, original);
      expect(usable.postgres).toBe(path.join(cache, "bin", "postgres"));
      expect(await userCan(user, "-x", usable.postgres)).toBe(true);
      expect(await binariesRunnableBy(user, original)).toEqual(usable);
    } finally {
      await rm(hidden, { recursive: true, force: true });
      await rm(cache, { recursive: true, force: true });
    }
  });
});
