// The few docker CLI calls the build needs. The CLI (not the socket API) keeps this dependency
// free and honours DOCKER_HOST and contexts exactly like a user's own `docker` commands.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { CommandError, run } from "./run.mjs";

/** The engine's version, or why none answers (`docker info`, 10 s at most). */
export async function dockerEngine() {
  try {
    const args = ["info", "--format", "{{.ServerVersion}}"];
    const version = await run("docker", args, { timeoutMs: 10_000 });
    if (version && !version.includes("<no value>")) return { version };
    return { error: "docker info reported no server" };
  } catch (error) {
    // The CLI's last line ("Cannot connect to the Docker daemon at …") says it best.
    const said = error instanceof CommandError ? error.output.split("\n").pop() : undefined;
    return { error: said || (error instanceof Error ? error.message : String(error)) };
  }
}

/** The image ID of `ref`, or undefined when there is no such image. */
export async function imageId(ref) {
  try {
    return await run("docker", ["image", "inspect", "--format", "{{.Id}}", ref]);
  } catch {
    return undefined;
  }
}

/**
 * Builds a Dockerfile and resolves with the new image's ID, without tagging it: the caller
 * tags only after the image passed its checks, so a failed build never leaves a tag behind.
 * `--network none` proves the build needs no network. BuildKit needs the buildx plugin, which
 * Debian's docker.io 20.10 lacks, so without it the classic builder runs; both use the
 * local base image as is, and neither pulls, since we never pass --pull.
 */
export async function buildImage({ dockerfile, buildArgs, labels, workDir, verbose }) {
  const iidFile = path.join(workDir, "image-id");
  const args = ["build", "--network", "none", "--force-rm", "--iidfile", iidFile];
  for (const [key, value] of Object.entries(buildArgs)) args.push("--build-arg", `${key}=${value}`);
  for (const [key, value] of Object.entries(labels)) args.push("--label", `${key}=${value}`);
  args.push("--file", dockerfile, path.dirname(dockerfile));
  const env = (await hasBuildx()) ? process.env : { ...process.env, DOCKER_BUILDKIT: "0" };
  await run("docker", args, { env, verbose });
  return (await readFile(iidFile, "utf8")).trim();
}

/** Runs `command` in a throwaway container with no network and resolves with its stdout. */
export function runInImage(image, command, options = {}) {
  return run("docker", ["run", "--rm", "--network", "none", image, ...command], options);
}

export async function tagImage(id, refs) {
  for (const ref of refs) await run("docker", ["tag", id, ref]);
}

/** Removes an untagged image left by a failed check; never throws (it is cleanup). */
export async function removeImage(id) {
  await run("docker", ["image", "rm", "--force", id]).catch(() => undefined);
}

/**
 * Removes every `repo:<tag>` except `keep`, so each build does not leave another ~200 MB
 * behind. No --force: an image a container still uses stays, and the next build retries.
 */
export async function removeOtherTags(repo, keep) {
  const refs = (await run("docker", ["image", "ls", "--format", "{{.Repository}}:{{.Tag}}", repo]))
    .split("\n")
    .filter((ref) => ref && !keep.includes(ref) && !ref.endsWith(":<none>"));
  for (const ref of refs) await run("docker", ["image", "rm", ref]).catch(() => undefined);
}

async function hasBuildx() {
  return run("docker", ["buildx", "version"]).then(
    () => true,
    () => false,
  );
}
