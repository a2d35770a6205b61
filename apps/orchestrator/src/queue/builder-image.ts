import { resolveImages } from "@winky/sandbox-images/image-tag.mjs";
import Dockerode from "dockerode";

/**
 * The sandbox builder image of this checkout once Docker has it (`npm run setup` and `winky
 * new` build it; a server never builds images itself: a build takes minutes and a shutdown
 * must not wait for one). Looks again every `intervalMs` until it is there or `signal` aborts.
 *
 * @param onWaiting told once, with why, when the image is not there yet.
 */
export async function waitForBuilderImage(
  signal: AbortSignal,
  onWaiting: (why: string) => void,
  intervalMs = 30_000,
): Promise<string | undefined> {
  const docker = new Dockerode();
  let told = false;
  while (!signal.aborted) {
    const { builderImage, builderProblem } = await resolveImages();
    const why = builderImage
      ? await docker
          .getImage(builderImage)
          .inspect()
          .then(
            () => undefined,
            (e: Error) => `${builderImage} is not built (${e.message})`,
          )
      : `the builder image cannot be named: ${builderProblem}`;
    if (!why) return builderImage;
    if (!told) onWaiting(why);
    told = true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, intervalMs);
      signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
    });
  }
  return undefined;
}
