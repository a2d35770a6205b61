// Types for image-tag.mjs, which stays plain JavaScript so build.mjs runs before any build.

export declare const BASE_IMAGE_REPO: "winky/sandbox-base";
export declare const ROOTFS_IMAGE_REPO: "winky/sandbox-rootfs";
export declare const BUILDER_IMAGE_REPO: "winky/sandbox-builder";
export declare const BROWSER_IMAGE_REPO: "winky/sandbox-browser";
export declare const DEBIAN_SUITE: string;
export declare const DEBIAN_VARIANT: string;
export declare const IMAGES_DIR: string;
export declare const REPO_ROOT: string;
export declare const DOCKERFILES: readonly string[];

/** Everything a tag is computed from. */
export interface TagInputs {
  /** The build's .mjs files by path relative to sandbox-images (e.g. "lib/rootfs.mjs"). */
  scripts: Record<string, string>;
  /** The Dockerfiles by path relative to sandbox-images (e.g. "base/Dockerfile"). */
  dockerfiles: Record<string, string>;
  suite: string;
  variant: string;
  mirror: string;
  nodeVersion: string;
  nodeSha256: string;
  /** Set by resolveImages() unless `builder: false`; the builder's tags need it. */
  builder?: BuilderTagInputs;
}

/** What the builder image adds to the base. */
export interface BuilderTagInputs {
  /** Every file of builder/ by path relative to sandbox-images (e.g. "builder/Dockerfile"). */
  files: Record<string, string>;
  /** The Debian packages installed (chromium, a font …). */
  packages: readonly string[];
  /** apt sources as "<uri> <suite>". */
  sources: string[];
  /** The app dependencies as "<target under node_modules> <name>@<version>", sorted. */
  appDeps: string[];
  /** sha256 of the sources of the workspace packages compiled into the image (@winky/sdk). */
  workspacesSha256: string;
}

/** One package of the app dependencies baked into the builder image. */
export interface AppDependency {
  name: string;
  version: string;
  /** Where it sits under /opt/winky/app-deps/node_modules, e.g. "jsdom/node_modules/tr46". */
  target: string;
  /** Its real directory on this machine. */
  dir: string;
  /** The workspace dir for packages compiled in (@winky/sdk), else undefined. */
  workspace?: string;
  bin: Record<string, string>;
}

export interface AppDependencies {
  roots: string[];
  packages: AppDependency[];
  bins: { name: string; target: string }[];
}

export declare function computeBaseImageTag(inputs: TagInputs): string;
export declare function computeRootfsTag(inputs: TagInputs): string;
export declare function computeDebootstrapKey(inputs: TagInputs): string;
/** Needs `inputs.builder`. */
export declare function computeDebsKey(inputs: TagInputs): string;
/** Needs `inputs.builder`. */
export declare function computeBrowserTag(inputs: TagInputs): string;
/** Needs `inputs.builder`. */
export declare function computeBuilderTag(inputs: TagInputs): string;

export declare function collectTagInputs(options?: {
  mirror?: string;
  cacheDir?: string;
}): Promise<TagInputs>;

export declare function collectBuilderInputs(
  appDeps: AppDependencies,
  options?: { env?: Record<string, string | undefined>; aptDir?: string; repoRoot?: string },
): Promise<BuilderTagInputs>;

export interface ResolvedImages {
  inputs: TagInputs;
  tag: string;
  /** winky/sandbox-base:<tag> */
  baseImage: string;
  /** winky/sandbox-rootfs:<rootfs tag> */
  rootfsImage: string;
  debootstrapKey: string;
  /** The builder's tag; missing with `builder: false` or a `builderProblem`. */
  builderTag?: string;
  /** winky/sandbox-builder:<builder tag> */
  builderImage?: string;
  /** winky/sandbox-browser:<browser tag> (internal: base + chromium) */
  browserImage?: string;
  debsKey?: string;
  appDeps?: AppDependencies;
  /** Why the builder's tag could not be computed (e.g. a dependency not installed). */
  builderProblem?: string;
}

export declare function resolveImages(options?: {
  mirror?: string;
  cacheDir?: string;
  /** false: skip the builder image (no node_modules walk). Default true. */
  builder?: boolean;
  repoRoot?: string;
}): Promise<ResolvedImages>;
