// Step 2: the cached Debian rootfs plus the host's own node binary, imported as a local image
// (winky/sandbox-rootfs). It plays the part node:20-bookworm-slim plays where a registry is
// reachable: Debian bookworm with node at /usr/local/bin/node and nothing sandbox-specific.
import { chmod, copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { makeTempDir, removeTempDir } from "./cache.mjs";
import { requireRoot } from "./debootstrap.mjs";
import { imageId } from "./docker.mjs";
import { run, runPiped } from "./run.mjs";

const PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/**
 * Makes sure `ref` exists, importing it from `tarball` + the node at `nodePath` when it does
 * not (or when `force`). `docker import` creates the tag only once the whole stream is in, so
 * a failure leaves no tagged half-image.
 */
export async function ensureRootfsImage({
  ref,
  tarball,
  nodePath,
  labels,
  workParent,
  force,
  verbose,
  report,
}) {
  if (!force && (await imageId(ref))) {
    report.note(`reusing ${ref}`);
    return;
  }
  requireRoot("building the rootfs");
  const work = await makeTempDir(workParent, "tmp-rootfs-");
  try {
    const root = path.join(work, "root");
    await mkdir(root);
    await report.step("unpack the cached rootfs", () =>
      run("tar", ["-C", root, "--numeric-owner", "-xpf", tarball]),
    );
    await mkdir(path.join(root, "usr/local/bin"), { recursive: true });
    await copyFile(nodePath, path.join(root, "usr/local/bin/node"));
    await chmod(path.join(root, "usr/local/bin/node"), 0o755);
    await report.step(
      `check that node ${process.version} from ${nodePath} runs in the rootfs`,
      () => checkNodeInChroot(root, nodePath),
    );
    const changes = [
      `ENV PATH=${PATH}`,
      'CMD ["node"]',
      ...Object.entries(labels).map(([key, value]) => `LABEL ${key}=${JSON.stringify(value)}`),
    ].flatMap((change) => ["--change", change]);
    await report.step(`docker import → ${ref}`, () =>
      runPiped(
        ["tar", "-C", root, "--numeric-owner", "-c", "."],
        ["docker", "import", ...changes, "-", ref],
        { verbose },
      ),
    );
  } finally {
    await removeTempDir(work);
  }
}

/**
 * Runs the copied node inside the rootfs with a clean environment (the host's NODE_OPTIONS or
 * NODE_EXTRA_CA_CERTS mean nothing there). This catches a node linked against libraries that
 * Debian minbase lacks (e.g. Debian's own nodejs package, which needs libnode and libuv)
 * before it becomes a broken image.
 */
async function checkNodeInChroot(root, nodePath) {
  const env = { PATH, HOME: "/root", LANG: "C.UTF-8" };
  let version;
  try {
    version = await run("chroot", [root, "/usr/local/bin/node", "-p", "process.version"], { env });
  } catch (error) {
    throw new Error(
      `the host's node (${nodePath}) does not run inside Debian minbase; it probably needs ` +
        `shared libraries that minbase lacks (\`ldd ${nodePath}\` lists them). Run the build ` +
        `with an official Node 20 build (nodejs.org or NodeSource). Details: ${error.message}`,
      { cause: error },
    );
  }
  if (version !== process.version) {
    throw new Error(`node in the rootfs reports ${version}, expected ${process.version}`);
  }
}
