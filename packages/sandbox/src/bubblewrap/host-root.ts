import { existsSync, lstatSync, readlinkSync } from "node:fs";
import type { RootEntry } from "./bwrap-args.js";

/** Top-level system dirs a dynamically linked node may need. */
const ROOT_DIRS = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];
const ETC_FILES = ["/etc/ld.so.cache", "/etc/localtime"];

/** /bin, /lib … as they are on this host: symlinks into /usr on merged-/usr systems. */
export function hostRootEntries(): RootEntry[] {
  return ROOT_DIRS.flatMap((path): RootEntry[] => {
    try {
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) return [{ path, kind: "symlink", target: readlinkSync(path) }];
      return stat.isDirectory() ? [{ path, kind: "dir" }] : [];
    } catch {
      return [];
    }
  });
}

/** The files of /etc worth binding that exist here (the loader cache, the time zone). */
export function hostEtcFiles(): string[] {
  return ETC_FILES.filter((file) => existsSync(file));
}
