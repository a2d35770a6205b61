// The .deb files that put Chromium and a font into the builder image, downloaded on the host
// (a `docker build --network none` cannot run apt). The host's apt-get resolves them against
// the base image's own dpkg status and keyring, taken from the cached debootstrap tarball, with
// a private config, lists dir and cache: nothing of the host's apt state is read or changed.
// Kept in <cacheDir>/debs-<key>/ so only a change of packages, mirrors or rootfs downloads again.
import { existsSync } from "node:fs";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { makeTempDir, removeTempDir } from "../lib/cache.mjs";
import { run } from "../lib/run.mjs";

/**
 * What apt installs, with its dependencies but no recommends. dbus-x11 satisfies dconf's need
 * for a session bus, which apt would otherwise meet with dbus-user-session and so pull in all
 * of systemd (14 packages a container never runs).
 */
export const BROWSER_PACKAGES = ["chromium", "fonts-liberation", "dbus-x11"];

const DEBS_DIR = /^debs-.+$/;
const KEYRING = "usr/share/keyrings/debian-archive-keyring.gpg";
const STATUS = "var/lib/dpkg/status";

/**
 * Resolves with the dir holding the .debs for `key` (`sources` are "<uri> <suite>" lines), downloading them first when missing (or
 * when `force`). Only a complete set is renamed into place.
 */
export async function ensureDebs({ dir, key, tarball, sources, packages, force, verbose, report }) {
  const target = path.join(dir, `debs-${key}`);
  if (!force && existsSync(path.join(target, "manifest.json"))) {
    report.note(`reusing the .debs cached in ${target}`);
    return target;
  }
  const work = await makeTempDir(dir, "tmp-debs-");
  try {
    const root = path.join(work, "root");
    await mkdir(root);
    // The base image's installed packages and keyring: apt downloads exactly what it lacks.
    await run("tar", ["-C", root, "-xf", tarball, `./${STATUS}`, `./${KEYRING}`]);
    const aptConfig = await writeAptConfig(work, root, sources);
    const env = { ...process.env, APT_CONFIG: aptConfig, DEBIAN_FRONTEND: "noninteractive" };
    await report.step(`apt-get update (${sources.join(", ")})`, () =>
      run("apt-get", ["update", "-q"], { env, verbose }),
    );
    await report.step(`apt-get download ${packages.join(" ")} and their dependencies`, () =>
      run("apt-get", ["install", "-y", "-q", "--download-only", ...packages], { env, verbose }),
    );
    const archives = path.join(work, "cache", "archives");
    const debs = (await readdir(archives)).filter((name) => name.endsWith(".deb")).sort();
    const out = path.join(work, "debs");
    await mkdir(out);
    for (const name of debs) await rename(path.join(archives, name), path.join(out, name));
    const manifest = { packages, sources, debs };
    await writeFile(path.join(out, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    report.note(`${debs.length} packages`);
    await rm(target, { recursive: true, force: true });
    await rename(out, target);
    await removeOtherDebs(dir, target);
    return target;
  } finally {
    await removeTempDir(work);
  }
}

/**
 * An APT_CONFIG that points every apt dir into `work`: apt reads it before anything else, so
 * the host's apt.conf.d, sources and preferences never apply.
 */
async function writeAptConfig(work, root, sources) {
  const etc = path.join(work, "etc");
  for (const sub of ["apt.conf.d", "sources.list.d", "preferences.d", "trusted.gpg.d"]) {
    await mkdir(path.join(etc, sub), { recursive: true });
  }
  for (const sub of ["state/lists/partial", "cache/archives/partial", "log"]) {
    await mkdir(path.join(work, sub), { recursive: true });
  }
  const keyring = path.join(root, KEYRING);
  await writeFile(
    path.join(etc, "sources.list"),
    sources.map((source) => `deb [signed-by=${keyring}] ${source} main\n`).join(""),
  );
  const config = path.join(work, "apt.conf");
  await writeFile(
    config,
    [
      `Dir::Etc "${etc}/";`,
      `Dir::State "${path.join(work, "state")}/";`,
      `Dir::State::status "${path.join(root, STATUS)}";`,
      `Dir::Cache "${path.join(work, "cache")}/";`,
      `Dir::Log "${path.join(work, "log")}/";`,
      // Root would hand downloads to the _apt user, which cannot write into our temp dir.
      `APT::Sandbox::User "root";`,
      `APT::Install-Recommends "false";`,
      `APT::Install-Suggests "false";`,
      "",
    ].join("\n"),
  );
  return config;
}

/** Keeps one set: a new key makes every older one unreachable, and each is ~200 MB. */
async function removeOtherDebs(dir, keep) {
  for (const name of await readdir(dir)) {
    const entry = path.join(dir, name);
    if (DEBS_DIR.test(name) && entry !== keep) await rm(entry, { recursive: true, force: true });
  }
}
