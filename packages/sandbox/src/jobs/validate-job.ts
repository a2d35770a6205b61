import path from "node:path";
import { SandboxError } from "../errors.js";
import type { JobOptions, JobService } from "./job-types.js";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_SERVICES = 16;

/** A job's options with every default filled in. */
export interface CheckedJob {
  image: string;
  workspace: string;
  command: readonly string[];
  env: Readonly<Record<string, string>>;
  timeoutMs: number;
  memoryMb: number;
  cpus: number;
  pidsLimit: number;
  services: readonly JobService[];
  maxOutputBytes: number;
  tmpMb: number;
}

export const JOB_DEFAULTS = {
  pidsLimit: 1024,
  maxOutputBytes: 1024 * 1024,
  tmpMb: 256,
} as const;

function invalid(message: string): SandboxError {
  return new SandboxError("invalid-argument", message);
}

function checkInteger(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${field} must be an integer from ${min} to ${max}, not ${String(value)}`);
  }
  return value;
}

function checkAbsolute(field: string, value: unknown): string {
  if (typeof value !== "string" || !path.isAbsolute(value) || value.includes("\0")) {
    throw invalid(`${field} must be an absolute path, not ${JSON.stringify(value)}`);
  }
  return path.resolve(value);
}

/**
 * Checks a job's options (not that the workspace exists: `runJob` does) and returns a frozen
 * copy with the defaults.
 * @throws SandboxError `invalid-argument`, naming the field.
 */
export function checkJobOptions(options: JobOptions): Readonly<CheckedJob> {
  if (typeof options?.image !== "string" || options.image.trim() === "") {
    throw invalid("image must be a non-empty image reference");
  }
  const workspace = checkAbsolute("workspace", options.workspace);
  const { command } = options;
  if (
    !Array.isArray(command) ||
    command.length === 0 ||
    command.some((arg) => typeof arg !== "string" || arg.includes("\0")) ||
    command[0] === ""
  ) {
    throw invalid("command must be a non-empty array of strings, the first not empty");
  }
  const env = options.env ?? {};
  if (typeof env !== "object" || env === null || Array.isArray(env)) {
    throw invalid("env must be an object of strings");
  }
  for (const [name, value] of Object.entries(env)) {
    if (!ENV_NAME.test(name)) throw invalid(`env name ${JSON.stringify(name)} is not valid`);
    if (typeof value !== "string" || value.includes("\0")) {
      throw invalid(`env.${name} must be a string without NUL`);
    }
  }
  checkInteger("timeoutMs", options.timeoutMs, 1, 24 * 3_600_000);
  const memoryMb = checkInteger("memoryMb", options.memoryMb, 64, 65_536);
  if (typeof options.cpus !== "number" || !(options.cpus >= 0.01 && options.cpus <= 64)) {
    throw invalid(`cpus must be a number from 0.01 to 64, not ${String(options.cpus)}`);
  }
  const pidsLimit = options.pidsLimit ?? JOB_DEFAULTS.pidsLimit;
  checkInteger("pidsLimit", pidsLimit, 16, 32_768);
  if (options.network !== undefined && options.network !== "none") {
    throw invalid(`network must be "none", not ${JSON.stringify(options.network)}`);
  }
  const maxOutputBytes = options.maxOutputBytes ?? JOB_DEFAULTS.maxOutputBytes;
  checkInteger("maxOutputBytes", maxOutputBytes, 1024, 64 * 1024 * 1024);
  const tmpMb = options.tmpMb ?? Math.min(JOB_DEFAULTS.tmpMb, memoryMb);
  checkInteger("tmpMb", tmpMb, 1, memoryMb);
  return Object.freeze({
    image: options.image,
    workspace,
    command: Object.freeze([...command]),
    env: Object.freeze({ ...env }),
    timeoutMs: options.timeoutMs,
    memoryMb,
    cpus: options.cpus,
    pidsLimit,
    services: checkServices(options.services ?? []),
    maxOutputBytes,
    tmpMb,
  });
}

function checkServices(services: readonly JobService[]): readonly JobService[] {
  if (!Array.isArray(services) || services.length > MAX_SERVICES) {
    throw invalid(`services must be an array of at most ${MAX_SERVICES}`);
  }
  const ports = new Set<number>();
  const checked = services.map((service, index) => {
    const port = checkInteger(`services[${index}].port`, service?.port, 1, 65_535);
    if (ports.has(port)) throw invalid(`services[${index}].port ${port} is given twice`);
    ports.add(port);
    const socket = checkAbsolute(`services[${index}].socket`, service.socket);
    return Object.freeze({ port, socket });
  });
  return Object.freeze(checked);
}
