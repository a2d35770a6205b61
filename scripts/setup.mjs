#!/usr/bin/env node
// `npm run setup`: everything a fresh machine needs before `npm start` and `npm test`.
// Idempotent: each step checks first and says what it does or why it skips. Plain Node with
// no dependencies, because it runs before `npm ci`.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { missingOsPackages, osInstallAdvice } from "./setup/os-packages.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const began = Date.now();
// No telemetry or update checks: this machine talks to nothing but the package registries.
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: "1",
  TURBO_NO_UPDATE_NOTIFIER: "1",
  DO_NOT_TRACK: "1",
};

function step(title) {
  console.log(`\n▸ ${title}`);
}

function run(command, args, options = {}) {
  console.log(`  $ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { cwd: repo, stdio: "inherit", env, ...options });
  if (result.status !== 0) {
    console.error(
      `\nsetup failed: '${command} ${args.join(" ")}' exited ${result.status ?? result.signal}`,
    );
    process.exit(1);
  }
}

step("System packages (redis-server, docker.io, chromium, debootstrap, bubblewrap, git)");
const missing = missingOsPackages();
if (missing.length === 0) {
  console.log("  all present");
} else if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
  console.log(`  installing ${missing.join(", ")}`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: "noninteractive" };
  run("apt-get", ["update", "-qq"], { env: aptEnv });
  run("apt-get", ["install", "-y", "-qq", ...missing], { env: aptEnv });
} else {
  console.log(
    `  missing: ${missing.join(", ")}. Install them yourself:\n    ${osInstallAdvice(missing)}`,
  );
  console.log("  (continuing: the tests that need them will say so)");
}

step("npm dependencies");
const lockHash = createHash("sha256")
  .update(readFileSync(path.join(repo, "package-lock.json")))
  .digest("hex");
const stamp = path.join(repo, "node_modules", ".winky-setup-lock");
if (existsSync(stamp) && readFileSync(stamp, "utf8") === lockHash) {
  console.log("  up to date with package-lock.json");
} else {
  run("npm", ["ci", "--no-audit", "--no-fund"]);
  writeFileSync(stamp, lockHash);
}

step("Turn off turbo's telemetry for this user (we send nothing anywhere)");
run("npx", ["turbo", "telemetry", "disable"]);

step("Build (turbo; unchanged packages come from its cache)");
run("npx", ["turbo", "run", "build", "--output-logs=errors-only"]);

step("Sandbox base image");
const { ensureDockerEngine } = await import(
  path.join(repo, "packages/local-services/dist/index.js")
);
const docker = await ensureDockerEngine({ logFile: path.join(repo, ".winky-setup-dockerd.log") });
if (!docker.available) {
  console.log(`  skipped: ${docker.detail}`);
} else {
  try {
    run(process.execPath, [path.join(repo, "sandbox-images/build.mjs")]);
  } finally {
    if (docker.startedByUs) await docker.stop();
  }
}

console.log(
  `\n✓ Setup done in ${((Date.now() - began) / 1000).toFixed(1)} s. Next: npm start (then open the Studio URL it prints), or npm test.`,
);
