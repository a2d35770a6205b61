import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describeWithDocker } from "@winky/testing";
import { beforeAll, expect, it } from "vitest";
import { IMAGES_DIR, resolveImages, type ResolvedImages } from "../image-tag.mjs";

const exec = promisify(execFile);
const BUILD_SCRIPT = path.join(IMAGES_DIR, "build.mjs");

/** Runs build.mjs as `npm run setup` does (base image only), with the node running these tests. */
function build() {
  return exec(process.execPath, [BUILD_SCRIPT, "--require-engine", "--base-only"], {
    timeout: 600_000,
    maxBuffer: 16 * 1024 * 1024,
  });
}

async function imageId(ref: string): Promise<string> {
  const { stdout } = await exec("docker", ["image", "inspect", "--format", "{{.Id}}", ref]);
  return stdout.trim();
}

describeWithDocker("winky/sandbox-base, built with no registry", () => {
  let images: ResolvedImages;

  // A cold build (debootstrap) takes 30–60 s; later runs find the image up to date.
  beforeAll(async () => {
    await build();
    images = await resolveImages({ builder: false });
  }, 600_000);

  it("runs Node 20 as uid 10001 with no network interface but lo", async () => {
    const script =
      "console.log(JSON.stringify({ v: process.version, uid: process.getuid()," +
      " net: require('os').networkInterfaces() }))";
    const { stdout } = await exec("docker", [
      "run",
      "--rm",
      "--network",
      "none",
      images.baseImage,
      "node",
      "-e",
      script,
    ]);
    const seen = JSON.parse(stdout) as { v: string; uid: number; net: Record<string, unknown> };
    expect(seen.v).toMatch(/^v20\./);
    expect(seen.uid).toBe(10001);
    expect(Object.keys(seen.net)).toEqual(["lo"]);
  });

  it("finds the image up to date on a second run and leaves it as it was", async () => {
    const before = await imageId(images.baseImage);
    const { stdout } = await build();
    expect(stdout).toContain(`sandbox base image ${images.baseImage} is up to date`);
    expect(await imageId(images.baseImage)).toBe(before);
    expect(await imageId("winky/sandbox-base:latest")).toBe(before);
  });
});
