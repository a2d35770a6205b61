// Step 1: a Debian root filesystem from debootstrap, kept as a tarball in the cache dir so that
// only a change of suite, variant, mirror or this file runs debootstrap (~30 s) again.
// Node and everything sandbox-specific are added later (rootfs.mjs, the Dockerfiles).
import { readdir, rename, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { makeTempDir, removeTempDir } from "./cache.mjs";
import { run } from "./run.mjs";

const TARBALL = /^debootstrap-.+\.tar$/;

/**
 * Resolves with the path of the cached debootstrap tarball for `key`, running debootstrap
 * first when it is missing (or when `force`). Only the finished tarball is ever renamed into
 * place, so an interrupted run leaves no half-written cache entry.
 */
export async function ensureDebootstrapTarball({
  dir,
  key,
  suite,
  variant,
  mirror,
  force,
  verbose,
  report,
}) {
  const tarball = path.join(dir, `debootstrap-${suite}-${variant}-${key}.tar`);
  if (!force && existsSync(tarball)) {
    report.note(`reusing the debootstrap rootfs cached in ${tarball}`);
    return tarball;
  }
  requireRoot("debootstrap");
  const work = await makeTempDir(dir, "tmp-debootstrap-");
  try {
    const root = path.join(work, "root");
    await report.step(`debootstrap ${suite} (${variant}) from ${mirror}`, () =>
      run("debootstrap", [`--variant=${variant}`, suite, root, mirror], { verbose }),
    );
    await trim(root);
    await report.step(`archive the rootfs into the cache`, () =>
      // Numeric owners: names would be mapped through the *host's* /etc/passwd on extraction.
      run("tar", ["-C", root, "--numeric-owner", "-cf", `${tarball}.partial`, "."]),
    );
    await rename(`${tarball}.partial`, tarball);
    await removeOtherTarballs(dir, tarball);
    return tarball;
  } finally {
    await rm(`${tarball}.partial`, { force: true });
    await removeTempDir(work);
  }
}

/** Throws a clear error unless we are root (debootstrap, mknod and chroot all need it). */
export function requireRoot(what) {
  if (process.getuid?.() !== 0) {
    throw new Error(
      `${what} needs root (it creates device nodes, chowns files and chroots): run ` +
        `\`node sandbox-images/build.mjs\` as root. Only a change to a Dockerfile alone ` +
        `rebuilds without root, from the existing rootfs image.`,
    );
  }
}

/**
 * Drops what debootstrap downloaded rather than installed (package lists, .deb files; ~80 MB)
 * and the host's own identity that debootstrap copies in. Docker bind-mounts its own hostname,
 * hosts and resolv.conf into every container, so these only need to be harmless defaults.
 */
async function trim(root) {
  for (const dir of ["var/lib/apt/lists", "var/cache/apt/archives"]) {
    for (const name of await readdir(path.join(root, dir)).catch(() => [])) {
      if (name !== "partial" && name !== "lock")
        await rm(path.join(root, dir, name), { force: true });
    }
  }
  for (const name of ["pkgcache.bin", "srcpkgcache.bin"]) {
    await rm(path.join(root, "var/cache/apt", name), { force: true });
  }
  await writeFile(path.join(root, "etc/hostname"), "localhost\n");
  await writeFile(path.join(root, "etc/hosts"), "127.0.0.1\tlocalhost\n::1\tlocalhost\n");
  await writeFile(path.join(root, "etc/resolv.conf"), "");
  await slim(root);
}

// As in Debian's own -slim images (node:20-bookworm-slim's base): no man pages, info, locales
// or docs except the copyright files (~45 MB), also for packages installed later on.
const DPKG_SLIM = `path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/man/*
`;

async function slim(root) {
  await writeFile(path.join(root, "etc/dpkg/dpkg.cfg.d/winky-slim"), DPKG_SLIM);
  for (const dir of ["groff", "info", "lintian", "locale", "man"]) {
    await emptyDir(path.join(root, "usr/share", dir));
  }
  const docs = path.join(root, "usr/share/doc");
  for (const entry of await readdir(docs, { withFileTypes: true }).catch(() => [])) {
    const entryPath = path.join(docs, entry.name);
    if (!entry.isDirectory()) await rm(entryPath, { force: true });
    else
      for (const name of await readdir(entryPath)) {
        if (name !== "copyright")
          await rm(path.join(entryPath, name), { recursive: true, force: true });
      }
  }
}

async function emptyDir(dir) {
  for (const name of await readdir(dir).catch(() => [])) {
    await rm(path.join(dir, name), { recursive: true, force: true });
  }
}

/** Keeps one tarball: a new key makes every older one unreachable, and each is ~150 MB. */
async function removeOtherTarballs(dir, keep) {
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    if (TARBALL.test(name) && file !== keep) await rm(file, { force: true });
  }
}
