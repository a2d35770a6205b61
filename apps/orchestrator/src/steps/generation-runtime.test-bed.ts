// The runtime generated apps are smoke-tested on and deployed to in end-to-end tests, as in
// production: functions in Docker sandboxes of the base image, their triggers through the event
// path (dispatcher, queue on Redis, worker), and the change feed for live queries.
import path from "node:path";
import { FsBlobStore } from "@winky/blob-store";
import {
  ChangeFeed,
  createTestFunctions,
  createTestRuntime,
  type TestRuntime,
} from "@winky/runtime/testing";
import { DockerSandbox } from "@winky/sandbox";
import { testRedisUrl, uniqueRedisPrefix } from "@winky/testing";
import Dockerode from "dockerode";
// The image's tag is a content hash; sandbox-images computes it (see docs/TESTING.md).
import { resolveImages } from "@winky/sandbox-images/image-tag.mjs";

export interface GenerationRuntime {
  url: string;
  runtime: TestRuntime;
  close(): Promise<void>;
}

/**
 * Starts that runtime on a free port, its blobs under `dir`. Call after `ensureBuilderImage()`,
 * which builds the base image the functions run in.
 */
export async function startGenerationRuntime(
  databaseUrl: string,
  dir: string,
): Promise<GenerationRuntime> {
  const { baseImage } = await resolveImages({ builder: false });
  const functions = await createTestFunctions({
    sandbox: async (hostApi) =>
      new DockerSandbox({
        docker: new Dockerode(),
        image: baseImage,
        hostApi,
        pool: { idleMs: 60_000, maxPerVersion: 2 },
      }),
    redisUrl: testRedisUrl(),
    prefix: uniqueRedisPrefix("e2e-functions"),
  });
  const changeFeed = new ChangeFeed(databaseUrl);
  await changeFeed.start();
  const runtime = await createTestRuntime(databaseUrl, {
    blobs: new FsBlobStore(path.join(dir, "blobs")),
    changeFeed,
    ...functions.runtimeOptions,
  });
  functions.start(runtime);
  const url = await runtime.app.listen({ host: "127.0.0.1", port: 0 });
  return {
    url,
    runtime,
    async close() {
      await functions.close();
      await runtime.close();
      await changeFeed.close();
    },
  };
}
