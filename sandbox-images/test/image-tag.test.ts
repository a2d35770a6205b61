import { describe, expect, it } from "vitest";
import {
  computeBaseImageTag,
  computeBrowserTag,
  computeBuilderTag,
  computeDebootstrapKey,
  computeDebsKey,
  computeRootfsTag,
  type BuilderTagInputs,
  type TagInputs,
} from "../image-tag.mjs";

const inputs: TagInputs = {
  scripts: {
    "build.mjs": "// build",
    "image-tag.mjs": "// tags",
    "lib/debootstrap.mjs": "// debootstrap",
    "lib/rootfs.mjs": "// rootfs",
  },
  dockerfiles: { "base/Dockerfile": "ARG BASE_IMAGE=node:20-bookworm-slim\nFROM ${BASE_IMAGE}\n" },
  suite: "bookworm",
  variant: "minbase",
  mirror: "http://mirror.example/debian",
  nodeVersion: "v20.20.2",
  nodeSha256: "a".repeat(64),
};

const withDockerfile = (content: string): TagInputs => ({
  ...inputs,
  dockerfiles: { "base/Dockerfile": content },
});

describe("computeBaseImageTag", () => {
  it("is 12 hex digits and the same for the same inputs", () => {
    const tag = computeBaseImageTag(inputs);
    expect(tag).toMatch(/^[0-9a-f]{12}$/);
    expect(computeBaseImageTag(structuredClone(inputs))).toBe(tag);
  });

  it("does not depend on the order in which files were read", () => {
    const reversed = Object.fromEntries(Object.entries(inputs.scripts).reverse());
    expect(computeBaseImageTag({ ...inputs, scripts: reversed })).toBe(computeBaseImageTag(inputs));
  });

  it("changes when a Dockerfile's content changes, and only the base tag does", () => {
    const changed = withDockerfile(`${inputs.dockerfiles["base/Dockerfile"]}ENV A=1\n`);
    expect(computeBaseImageTag(changed)).not.toBe(computeBaseImageTag(inputs));
    // A Dockerfile change reuses the imported rootfs and the cached debootstrap tarball.
    expect(computeRootfsTag(changed)).toBe(computeRootfsTag(inputs));
    expect(computeDebootstrapKey(changed)).toBe(computeDebootstrapKey(inputs));
  });

  it("changes with the mirror, the suite, the node version or the node binary", () => {
    const base = computeBaseImageTag(inputs);
    for (const change of [
      { mirror: "http://other.example/debian" },
      { suite: "trixie" },
      { variant: "buildd" },
      { nodeVersion: "v20.20.3" },
      { nodeSha256: "b".repeat(64) },
    ]) {
      expect(computeBaseImageTag({ ...inputs, ...change }), JSON.stringify(change)).not.toBe(base);
    }
  });

  it("changes with any build script, but re-runs debootstrap only for debootstrap.mjs", () => {
    const scripts = (name: string) => ({ ...inputs, scripts: { ...inputs.scripts, [name]: "//" } });
    expect(computeBaseImageTag(scripts("build.mjs"))).not.toBe(computeBaseImageTag(inputs));
    expect(computeRootfsTag(scripts("build.mjs"))).toBe(computeRootfsTag(inputs));
    expect(computeRootfsTag(scripts("lib/rootfs.mjs"))).not.toBe(computeRootfsTag(inputs));
    expect(computeDebootstrapKey(scripts("lib/rootfs.mjs"))).toBe(computeDebootstrapKey(inputs));
    expect(computeDebootstrapKey(scripts("lib/debootstrap.mjs"))).not.toBe(
      computeDebootstrapKey(inputs),
    );
  });

  it("keeps a node upgrade from re-running debootstrap", () => {
    const upgraded = { ...inputs, nodeVersion: "v20.21.0", nodeSha256: "c".repeat(64) };
    expect(computeDebootstrapKey(upgraded)).toBe(computeDebootstrapKey(inputs));
    expect(computeRootfsTag(upgraded)).not.toBe(computeRootfsTag(inputs));
  });
});

describe("computeBuilderTag", () => {
  const builder: BuilderTagInputs = {
    files: {
      "builder/Dockerfile": "FROM x",
      "builder/debs.mjs": "//",
      "builder/app-deps.mjs": "//",
    },
    packages: ["chromium", "fonts-liberation"],
    sources: ["http://mirror.example/debian bookworm"],
    appDeps: ["react react@19.3.1", "vite vite@8.3.8"],
    workspacesSha256: "d".repeat(64),
  };
  const withBuilder = (change: Partial<BuilderTagInputs>): TagInputs => ({
    ...inputs,
    builder: { ...builder, ...change },
  });
  const tags = (i: TagInputs) => ({
    debs: computeDebsKey(i),
    browser: computeBrowserTag(i),
    builder: computeBuilderTag(i),
  });
  const before = tags(withBuilder({}));

  it("changes when an app dependency's version changes, without re-downloading or reinstalling", () => {
    const after = tags(withBuilder({ appDeps: ["react react@19.3.2", "vite vite@8.3.8"] }));
    expect(after.builder).not.toBe(before.builder);
    expect(after.browser).toBe(before.browser);
    expect(after.debs).toBe(before.debs);
  });

  it("changes with the SDK's sources and with builder/'s files", () => {
    expect(tags(withBuilder({ workspacesSha256: "e".repeat(64) })).builder).not.toBe(
      before.builder,
    );
    const files = { ...builder.files, "builder/Dockerfile": "FROM y" };
    expect(tags(withBuilder({ files })).builder).not.toBe(before.builder);
    expect(tags(withBuilder({ files })).debs).toBe(before.debs);
  });

  it("downloads again for other packages or sources, and follows the base image", () => {
    expect(tags(withBuilder({ packages: ["chromium"] })).debs).not.toBe(before.debs);
    const sources = [...builder.sources, "http://mirror.example/debian-security bookworm-security"];
    expect(tags(withBuilder({ sources })).debs).not.toBe(before.debs);
    const rebased = { ...withBuilder({}), dockerfiles: { "base/Dockerfile": "FROM z" } };
    expect(tags(rebased).browser).not.toBe(before.browser);
    expect(tags(rebased).builder).not.toBe(before.builder);
    expect(tags(rebased).debs).toBe(before.debs);
  });

  it("leaves the base image's tag alone", () => {
    expect(computeBaseImageTag(withBuilder({ appDeps: [] }))).toBe(computeBaseImageTag(inputs));
  });
});
