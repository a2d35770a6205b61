import { mkdir, realpath } from "node:fs/promises";
import path from "node:path";
import { BlobStoreError, describeObject, quote } from "../errors.js";
import { isMissing } from "../files.js";

/**
 * Where the file system store keeps things under its root:
 *
 *     <root>/.tmp/                       content of put() calls still streaming in
 *     <root>/.uploads/<uploadId>/        resumable uploads (session.json + tail file)
 *     <root>/<bucket>/objects/users/u1/avatar.png%meta.json   the object's metadata (JSON)
 *     <root>/<bucket>/objects/users/u1/avatar.png%g<generation>  its content
 *
 * Name segments become directories, so a listing walks only the prefix's directory. In a
 * segment `%` is written `%25`; our own suffixes start with `%` followed by a letter, which an
 * encoded segment never contains, so `a` (an object) and `a/b` (another) cannot collide.
 * Bucket names (`[a-z0-9]…`) never start with a dot, so they cannot be `.tmp` or `.uploads`.
 */
export const SIDECAR_SUFFIX = "%meta.json";
const CONTENT_MARK = "%g";
/** Room for our suffixes within the usual 255-byte file name limit. */
export const MAX_SEGMENT_BYTES = 220;

export function encodeSegment(segment: string): string {
  return segment.replaceAll("%", "%25");
}

export function decodeSegment(entry: string): string {
  return entry.replaceAll("%25", "%");
}

/** The files of one object. */
export interface ObjectFiles {
  dir: string;
  sidecar: string;
  content(generation: string): string;
}

export class FsLayout {
  readonly root: string;
  private realRoot: Promise<string> | undefined;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  get tmpDir(): string {
    return path.join(this.root, ".tmp");
  }

  get uploadsDir(): string {
    return path.join(this.root, ".uploads");
  }

  objectsDir(bucket: string): string {
    return path.join(this.root, bucket, "objects");
  }

  /**
   * The files of `bucket`/`name` (both already validated).
   * @throws {BlobStoreError} `invalid-name` for a segment too long for a file name.
   */
  object(bucket: string, name: string): ObjectFiles {
    const segments = name.split("/").map(encodeSegment);
    const long = segments.find((s) => Buffer.byteLength(s) > MAX_SEGMENT_BYTES);
    if (long !== undefined) {
      throw new BlobStoreError(
        "invalid-name",
        `Invalid name for ${describeObject(bucket, name)}: the file system store keeps each segment to ${MAX_SEGMENT_BYTES} bytes (${quote(long)} is longer).`,
        { bucket, name },
      );
    }
    const leaf = segments.pop() ?? "";
    const dir = path.join(this.objectsDir(bucket), ...segments);
    this.assertLexicallyInside(dir, bucket, name);
    return {
      dir,
      sidecar: path.join(dir, leaf + SIDECAR_SUFFIX),
      content: (generation) => path.join(dir, `${leaf}${CONTENT_MARK}${generation}`),
    };
  }

  /** The directory holding names that start with `prefix` up to its last `/`. */
  prefixDir(bucket: string, prefix: string): { dir: string; namePrefix: string } {
    const cut = prefix.lastIndexOf("/");
    const namePrefix = prefix.slice(0, cut + 1);
    const segments = namePrefix === "" ? [] : namePrefix.slice(0, -1).split("/").map(encodeSegment);
    const dir = path.join(this.objectsDir(bucket), ...segments);
    this.assertLexicallyInside(dir, bucket, prefix);
    return { dir, namePrefix };
  }

  /**
   * Refuses a path whose real location (symlinks resolved, for the deepest part that exists)
   * is not inside the bucket's directory. Names are validated, so only a symlink placed under
   * the root could lead out; this is the second wall.
   * @throws {BlobStoreError} `invalid-name`.
   */
  async assertInside(target: string, bucket: string, name: string): Promise<void> {
    const bucketDir = path.join(await this.resolveRealRoot(), bucket);
    for (let current = target; ;) {
      let real: string;
      try {
        real = await realpath(current);
      } catch (e) {
        if (!isMissing(e)) throw e;
        const parent = path.dirname(current);
        if (parent === current) return;
        current = parent;
        continue;
      }
      // The root itself and the bucket directory (once created) are the only allowed ancestors.
      if (current.length < path.join(this.root, bucket).length) return;
      if (real === bucketDir || real.startsWith(bucketDir + path.sep)) return;
      throw escaped(bucket, name);
    }
  }

  /** `mkdir -p` for an object's directory, then the same check as {@link assertInside}. */
  async makeDir(dir: string, bucket: string, name: string): Promise<void> {
    await this.assertInside(dir, bucket, name);
    await mkdir(dir, { recursive: true });
    await this.assertInside(dir, bucket, name);
  }

  private assertLexicallyInside(target: string, bucket: string, name: string): void {
    const base = this.objectsDir(bucket);
    if (target !== base && !target.startsWith(base + path.sep)) throw escaped(bucket, name);
  }

  private resolveRealRoot(): Promise<string> {
    // Created on first use, so its real path (the root may sit behind a symlink) is known.
    this.realRoot ??= mkdir(this.root, { recursive: true })
      .then(() => realpath(this.root))
      .catch((e: unknown) => {
        this.realRoot = undefined;
        throw e;
      });
    return this.realRoot;
  }
}

function escaped(bucket: string, name: string): BlobStoreError {
  return new BlobStoreError(
    "invalid-name",
    `Refused ${describeObject(bucket, name)}: its path leads outside the store's directory.`,
    { bucket, name },
  );
}
