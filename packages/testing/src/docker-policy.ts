/**
 * What a test run does without a Docker engine: locally the Docker tests skip (loudly), but
 * under CI=true a missing engine fails the run, so CI can never go green by skipping them.
 */
export function dockerPolicy(
  engine: { available: boolean; detail: string },
  env: Record<string, string | undefined>,
): { action: "run" } | { action: "skip"; banner: string } | { action: "fail"; message: string } {
  if (engine.available) return { action: "run" };
  if (env.CI === "true") {
    return { action: "fail", message: `CI=true and no Docker engine: ${engine.detail}` };
  }
  const rule = "!".repeat(72);
  return {
    action: "skip",
    banner:
      `\n${rule}\n!! Docker tests will SKIP: ${engine.detail}\n` +
      `!! Run as root with docker.io installed (npm run setup), or set DOCKER_HOST.\n${rule}\n`,
  };
}
