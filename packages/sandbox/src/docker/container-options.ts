import { hardenedHostConfig } from "./hardening.js";
import type { ContainerCreateOptions } from "dockerode";
import { SANDBOX_PATHS, type LaunchRequest } from "../core/launcher.js";

/** Labels on every sandbox container; `reap()` and tests find containers by them. */
export const LABELS = {
  sandbox: "winky.sandbox",
  functionId: "winky.sandbox.function",
  version: "winky.sandbox.version",
  /** `<hostname>:<pid>` of the process that started it, so `reap()` knows a dead owner. */
  owner: "winky.sandbox.owner",
  /** One `DockerSandbox` instance: several may share a process (tests do). */
  instance: "winky.sandbox.instance",
} as const;

export interface ContainerSettings {
  image: string;
  /** `uid:gid`, numeric so no passwd lookup is needed (and Kubernetes' runAsNonRoot agrees). */
  user: string;
  pidsLimit: number;
  /** Size of the /tmp tmpfs, MiB; it counts against the memory limit. */
  tmpMb: number;
  owner: string;
  instance: string;
}

/**
 * The `docker create` body of one sandbox. Each field of HostConfig is one line of the threat
 * model in the package README.
 */
export function containerOptions(
  request: LaunchRequest,
  settings: ContainerSettings,
): ContainerCreateOptions {
  const { fn, paths } = request;
  return {
    name: `winky-fn-${request.name}`,
    Image: settings.image,
    Cmd: ["node", SANDBOX_PATHS.runner, SANDBOX_PATHS.controlSocket, SANDBOX_PATHS.bundle],
    Entrypoint: [],
    User: settings.user,
    WorkingDir: "/tmp",
    // No secrets here (`docker inspect` shows Env): the runner gets them over its socket.
    Env: ["NODE_ENV=production", "HOME=/tmp"],
    Labels: {
      [LABELS.sandbox]: "1",
      [LABELS.functionId]: fn.id,
      [LABELS.version]: fn.version,
      [LABELS.owner]: settings.owner,
      [LABELS.instance]: settings.instance,
    },
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    OpenStdin: false,
    Tty: false,
    NetworkDisabled: true,
    HostConfig: {
      ...hardenedHostConfig({
        memoryMb: fn.memoryMb,
        cpus: fn.cpus,
        pidsLimit: settings.pidsLimit,
        tmpMb: settings.tmpMb,
      }),
      Binds: [
        `${paths.runnerDir}:${SANDBOX_PATHS.runnerDir}:ro`,
        `${paths.bundleDir}:${SANDBOX_PATHS.bundleDir}:ro`,
        `${paths.socketDir}:${SANDBOX_PATHS.socketDir}:ro`,
      ],
      Ulimits: [
        { Name: "nofile", Soft: 1024, Hard: 1024 },
        { Name: "core", Soft: 0, Hard: 0 },
      ],
      // What the runner prints outside invocations (V8's fatal errors): read after a crash.
      LogConfig: { Type: "json-file", Config: { "max-size": "1m", "max-file": "1" } },
    },
  };
}
