import type Dockerode from "dockerode";
import type { Container } from "dockerode";
import { SandboxError } from "../errors.js";
import type {
  LaunchRequest,
  LaunchedWorker,
  WorkerExit,
  WorkerLauncher,
} from "../core/launcher.js";
import { containerOptions, type ContainerSettings } from "./container-options.js";
import { parseDockerLogs } from "./docker-logs.js";

/** Lines of container output kept for a crash report. */
const OUTPUT_TAIL = 50;

/** Starts each sandbox as a container through the Docker API. */
export class DockerLauncher implements WorkerLauncher {
  constructor(
    private readonly docker: Dockerode,
    private readonly settings: ContainerSettings,
  ) {}

  async launch(request: LaunchRequest): Promise<LaunchedWorker> {
    let container: Container;
    try {
      container = await this.docker.createContainer(containerOptions(request, this.settings));
    } catch (error) {
      throw unavailable(error, this.settings.image);
    }
    try {
      await container.start();
    } catch (error) {
      await container.remove({ force: true }).catch(() => undefined);
      throw unavailable(error, this.settings.image);
    }
    return new DockerWorker(container);
  }
}

class DockerWorker implements LaunchedWorker {
  readonly exited: Promise<WorkerExit>;
  #destroyed: Promise<void> | undefined;

  constructor(private readonly container: Container) {
    this.exited = this.#watch();
  }

  destroy(): Promise<void> {
    // Force-remove kills (SIGKILL) and removes in one call: the runner has nothing to flush.
    this.#destroyed ??= this.container.remove({ force: true }).then(
      () => undefined,
      () => undefined, // already gone, or its removal is in progress
    );
    return this.#destroyed;
  }

  async #watch(): Promise<WorkerExit> {
    const unknown: WorkerExit = { oomKilled: false, output: [] };
    try {
      // Called after start, so the default condition ("not-running") cannot answer too early.
      await this.container.wait();
      if (this.#destroyed) return unknown;
      const [info, logs] = await Promise.all([
        this.container.inspect(),
        this.container.logs({
          stdout: true,
          stderr: true,
          timestamps: true,
          tail: OUTPUT_TAIL,
          follow: false,
        }),
      ]);
      return {
        exitCode: info.State.ExitCode,
        oomKilled: info.State.OOMKilled,
        output: parseDockerLogs(Buffer.isBuffer(logs) ? logs : Buffer.from(String(logs))),
      };
    } catch {
      return unknown;
    }
  }
}

function unavailable(error: unknown, image: string): SandboxError {
  const detail = error instanceof Error ? error.message : String(error);
  const status = (error as { statusCode?: number }).statusCode;
  const hint =
    status === 404 && /image/i.test(detail)
      ? ` (build it: node sandbox-images/build.mjs, or pass another image)`
      : "";
  return new SandboxError(
    "unavailable",
    `Docker could not start a sandbox from ${image}: ${detail}${hint}`,
    { cause: error },
  );
}
