// Types for image-tag.mjs, which stays plain JavaScript so build.mjs runs before any build.

export declare const BASE_IMAGE_REPO: "winky/sandbox-base";
export declare const ROOTFS_IMAGE_REPO: "winky/sandbox-rootfs";
export declare const DEBIAN_SUITE: string;
export declare const DEBIAN_VARIANT: string;
export declare const IMAGES_DIR: string;
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
}

export declare function computeBaseImageTag(inputs: TagInputs): string;
export declare function computeRootfsTag(inputs: TagInputs): string;
export declare function computeDebootstrapKey(inputs: TagInputs): string;

export declare function collectTagInputs(options?: {
  mirror?: string;
  cacheDir?: string;
}): Promise<TagInputs>;

export interface ResolvedImages {
  inputs: TagInputs;
  tag: string;
  /** winky/sandbox-base:<tag> */
  baseImage: string;
  /** winky/sandbox-rootfs:<rootfs tag> */
  rootfsImage: string;
  debootstrapKey: string;
}

export declare function resolveImages(options?: {
  mirror?: string;
  cacheDir?: string;
}): Promise<ResolvedImages>;
