import { hardenedHostConfig } from "../docker/hardening.js";
import type { ContainerCreateOptions } from "dockerode";
import { SANDBOX_USER } from "../core/launcher.js";
import type { CheckedJob } from "./validate-job.js";

/** Where a job's host files appear inside its container. */
export const JOB_PATHS = {
  workspace: "/workspace",
  jobDir: "/opt/winky/job",
  forwarder: "/opt/winky/job/forwarder.mjs",
  servicesDir: "/run/winky/services",
} as const;

/** Labels on every job container. */
export const JOB_LABELS = {
  job: "winky.job",
  /** `<hostname>:<pid>` of the process that started it. */
  owner: "winky.job.owner",
} as const;

/** The host paths of one job (see JobFiles). */
export interface JobMounts {
  workspace: string;
  jobDir: string;
  servicesDir: string;
}

/**
 * The command the container runs: the job's own, or, with services, the forwarder that opens
 * their ports first and then runs it.
 */
export function jobCommand(job: Pick<CheckedJob, "command" | "services">): string[] {
  if (job.services.length === 0) return [...job.command];
  const services = job.services.map(({ port }) => ({
    port,
    socket: `${JOB_PATHS.servicesDir}/${port}.sock`,
  }));
  return ["node", JOB_PATHS.forwarder, JSON.stringify(services), "--", ...job.command];
}

/**
 * The `docker create` body of one job: the function sandboxes' hardening (see the package
 * README's threat model) with a writable /workspace, an init process, and room for a build.
 */
export function jobContainerOptions(
  job: CheckedJob,
  mounts: JobMounts,
  settings: { name: string; owner: string },
): ContainerCreateOptions {
  const env = { HOME: "/tmp", ...job.env };
  return {
    name: settings.name,
    Image: job.image,
    Cmd: jobCommand(job),
    Entrypoint: [],
    User: `${SANDBOX_USER.uid}:${SANDBOX_USER.gid}`,
    WorkingDir: JOB_PATHS.workspace,
    Env: Object.entries(env).map(([name, value]) => `${name}=${value}`),
    Labels: { [JOB_LABELS.job]: "1", [JOB_LABELS.owner]: settings.owner },
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: false,
    Tty: false,
    NetworkDisabled: true,
    HostConfig: {
      ...hardenedHostConfig(job),
      // Docker's tini as PID 1: reaps what Chromium and test workers orphan, passes signals on.
      Init: true,
      Binds: [
        `${mounts.workspace}:${JOB_PATHS.workspace}:rw`,
        `${mounts.jobDir}:${JOB_PATHS.jobDir}:ro`,
        `${mounts.servicesDir}:${JOB_PATHS.servicesDir}:ro`,
      ],
      Ulimits: [
        { Name: "nofile", Soft: 4096, Hard: 4096 },
        { Name: "core", Soft: 0, Hard: 0 },
      ],
      // Output comes through the attach stream, capped; nothing is written to the host's disk.
      LogConfig: { Type: "none", Config: {} },
    },
  };
}
