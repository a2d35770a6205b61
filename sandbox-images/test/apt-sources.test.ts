import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  findDebianMirror,
  findDebianSources,
  parseDeb822Sources,
  parseOneLineSources,
  pickMirror,
} from "../lib/apt-sources.mjs";

// Shaped like a stock bookworm host: deb822 sources with updates and security suites.
const DEBIAN_SOURCES = `Types: deb
# http://snapshot.debian.org/archive/debian/20250520T000000Z
URIs: http://mirror.example/debian/
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://mirror.example/debian-security
Suites: bookworm-security
Components: main
`;

describe("apt sources", () => {
  it("reads deb822 paragraphs, continuation lines and Enabled: no", () => {
    const entries = parseDeb822Sources(
      `${DEBIAN_SOURCES}\nEnabled: no\nTypes: deb\nURIs: http://off.example/debian\n` +
        `Suites: bookworm\nComponents: main\n  contrib\n`,
    );
    expect(entries.map((e) => [e.uri, e.enabled])).toEqual([
      ["http://mirror.example/debian/", true],
      ["http://mirror.example/debian-security", true],
      ["http://off.example/debian", false],
    ]);
    expect(entries[2]?.components).toEqual(["main", "contrib"]);
  });

  it("reads one-line entries with [ options ] and comments", () => {
    const entries = parseOneLineSources(
      "# deb http://commented.example/debian bookworm main\n" +
        "deb [ arch=amd64 signed-by=/k.gpg ] http://one.example/debian bookworm main # eu\n" +
        "deb-src http://one.example/debian bookworm main\n",
    );
    expect(entries).toEqual([
      {
        types: ["deb"],
        uri: "http://one.example/debian",
        suites: ["bookworm"],
        components: ["main"],
        enabled: true,
      },
      expect.objectContaining({ types: ["deb-src"] }),
    ]);
  });

  it("picks the exact suite with main, skipping third-party, source and disabled entries", () => {
    const entries = [
      ...parseOneLineSources(
        "deb https://download.example/linux/debian bookworm stable\n" +
          "deb-src http://src.example/debian bookworm main\n" +
          "deb cdrom:[Debian]/ bookworm main\n",
      ),
      ...parseDeb822Sources(DEBIAN_SOURCES),
    ];
    expect(pickMirror(entries, "bookworm")).toBe("http://mirror.example/debian");
    expect(pickMirror(entries, "bookworm-security")).toBe("http://mirror.example/debian-security");
    expect(pickMirror(entries, "trixie")).toBeUndefined();
  });
});

describe("findDebianMirror", () => {
  let aptDir: string | undefined;
  afterEach(async () => {
    if (aptDir) await rm(aptDir, { recursive: true, force: true });
    aptDir = undefined;
  });

  async function fakeAptDir(files: Record<string, string>): Promise<string> {
    aptDir = await mkdtemp(path.join(tmpdir(), "winky-apt-"));
    await mkdir(path.join(aptDir, "sources.list.d"));
    for (const [name, text] of Object.entries(files))
      await writeFile(path.join(aptDir, name), text);
    return aptDir;
  }

  it("reads sources.list first, then sources.list.d in name order, ignoring other files", async () => {
    const dir = await fakeAptDir({
      "sources.list.d/debian.sources": DEBIAN_SOURCES,
      "sources.list.d/00-old.list.disabled": "deb http://disabled.example/debian bookworm main\n",
    });
    expect(await findDebianMirror("bookworm", { aptDir: dir, env: {} })).toBe(
      "http://mirror.example/debian",
    );
    await writeFile(
      path.join(dir, "sources.list"),
      "deb http://first.example/debian bookworm main",
    );
    expect(await findDebianMirror("bookworm", { aptDir: dir, env: {} })).toBe(
      "http://first.example/debian",
    );
  });

  it("prefers WINKY_DEBIAN_MIRROR, and says what to do when nothing fits", async () => {
    const dir = await fakeAptDir({});
    const env = { WINKY_DEBIAN_MIRROR: "http://override.example/debian/" };
    expect(await findDebianMirror("bookworm", { aptDir: dir, env })).toBe(
      "http://override.example/debian",
    );
    await expect(findDebianMirror("bookworm", { aptDir: dir, env: {} })).rejects.toThrow(
      /no apt source for Debian bookworm.*WINKY_DEBIAN_MIRROR/s,
    );
  });

  it("lists the suite, its updates and its security suite for apt, as the host has them", async () => {
    const dir = await fakeAptDir({ "sources.list.d/debian.sources": DEBIAN_SOURCES });
    expect(await findDebianSources("bookworm", { aptDir: dir, env: {} })).toEqual([
      { uri: "http://mirror.example/debian", suite: "bookworm" },
      { uri: "http://mirror.example/debian", suite: "bookworm-updates" },
      { uri: "http://mirror.example/debian-security", suite: "bookworm-security" },
    ]);
    const env = {
      WINKY_DEBIAN_MIRROR: "http://override.example/debian",
      WINKY_DEBIAN_SECURITY_MIRROR: "http://override.example/security/",
    };
    expect(await findDebianSources("bookworm", { aptDir: dir, env })).toEqual([
      { uri: "http://override.example/debian", suite: "bookworm" },
      { uri: "http://override.example/debian", suite: "bookworm-updates" },
      { uri: "http://override.example/security", suite: "bookworm-security" },
    ]);
  });
});
