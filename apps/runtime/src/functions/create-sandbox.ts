import Dockerode from "dockerode";
import {
  BubblewrapSandbox,
  DockerSandbox,
  probeBubblewrap,
  type HostApiHandler,
  type Sandbox,
} from "@winky/sandbox";

const POOL = { idleMs: 5 * 60_000, maxPerVersion: 10 };

/**
 * The best sandbox this machine offers: Docker when an engine answers on the default socket
 * and holds the sandbox image (`npm run build:images`), else bubblewrap when it works here,
 * else none — with one line saying which and why.
 */
export async function createSandbox(
  hostApi: HostApiHandler,
  log: (message: string) => void,
): Promise<Sandbox | undefined> {
  const docker = new Dockerode();
  const dockerProblem = await docker.ping().then(
    async () => {
      // Loaded only with an engine: the tag hashes the image's inputs (sandbox-images).
      const { resolveImages } = await import("@winky/sandbox-images/image-tag.mjs");
      const { baseImage } = await resolveImages({ builder: false });
      const present = await docker
        .getImage(baseImage)
        .inspect()
        .then(() => true)
        .catch(() => false);
      if (!present) return `image ${baseImage} is missing (node sandbox-images/build.mjs)`;
      const sandbox = new DockerSandbox({ docker, image: baseImage, pool: POOL, hostApi });
      await sandbox.reap();
      log(`functions run in Docker (${baseImage})`);
      return sandbox;
    },
    (e: unknown) => `no Docker engine (${(e as Error).message})`,
  );
  if (typeof dockerProblem !== "string") return dockerProblem;
  const probe = await probeBubblewrap();
  if (probe.available) {
    log(`functions run in bubblewrap (${dockerProblem}; weaker isolation, see @winky/sandbox)`);
    const sandbox = new BubblewrapSandbox({ pool: POOL, hostApi });
    await sandbox.reap();
    return sandbox;
  }
  log(`functions are disabled: ${dockerProblem}, and bubblewrap: ${probe.detail}`);
  return undefined;
}
