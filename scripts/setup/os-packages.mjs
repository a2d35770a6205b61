// Which Debian packages the platform needs, and how to tell whether they are installed.
import { spawnSync } from "node:child_process";

/** Debian package → the binary that proves it is there (on systems without dpkg). */
export const OS_PACKAGES = {
  "redis-server": "redis-server",
  "docker.io": "dockerd",
  chromium: "chromium",
  debootstrap: "debootstrap",
  // BubblewrapSandbox, where no Docker engine runs (@winky/sandbox).
  bubblewrap: "bwrap",
  // Each generated app's repository (the orchestrator's commit step).
  git: "git",
};

function dpkgInstalled(pkg) {
  const result = spawnSync("dpkg-query", ["-W", "-f=${Status}", pkg], { encoding: "utf8" });
  return result.status === 0 && result.stdout.includes("install ok installed");
}

function onPath(binary) {
  return spawnSync("sh", ["-c", `command -v ${binary}`], { stdio: "ignore" }).status === 0;
}

/** The packages whose binary is not on the PATH and that dpkg does not list as installed. */
export function missingOsPackages() {
  return Object.entries(OS_PACKAGES)
    .filter(([pkg, binary]) => !onPath(binary) && !dpkgInstalled(pkg))
    .map(([pkg]) => pkg);
}

/** The exact command to run where we cannot install ourselves. */
export function osInstallAdvice(missing) {
  if (spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0) {
    return `sudo apt-get install -y ${missing.join(" ")}`;
  }
  const binaries = missing.map((pkg) => OS_PACKAGES[pkg]).join(", ");
  return `install these with your system's package manager: ${binaries}`;
}
