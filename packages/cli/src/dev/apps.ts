import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { canConnect, ManagedProcess, waitUntil } from "@winky/local-services";

export interface AppSpec {
  name: "runtime" | "orchestrator" | "studio";
  port: number;
  env: Record<string, string>;
}

/**
 * Starts one app's `main` (its package's `./main` export, built to dist/) with Node, in its
 * own process group, logging to `<logDir>/<name>.log`.
 *
 * @throws Error when the port is taken or the app has not been built.
 */
export async function startApp(spec: AppSpec, logDir: string): Promise<ManagedProcess> {
  if (await canConnect("127.0.0.1", spec.port, 300)) {
    throw new Error(
      `port ${spec.port} for the ${spec.name} is already in use; stop what listens there or pass --${spec.name}-port`,
    );
  }
  const entry = fileURLToPath(import.meta.resolve(`@winky/${spec.name}/main`));
  if (!existsSync(entry)) {
    throw new Error(`the ${spec.name} is not built (${entry} is missing): run npm run setup`);
  }
  return new ManagedProcess({
    name: spec.name,
    command: process.execPath,
    args: [entry],
    env: { ...process.env, ...spec.env, HOST: "127.0.0.1", PORT: String(spec.port) },
    logFile: path.join(logDir, `${spec.name}.log`),
  });
}

/**
 * Waits until `GET /healthz` answers 200.
 *
 * @throws Error with the app's last output when it exits or is not healthy in time.
 */
export async function waitHealthy(app: ManagedProcess, port: number, timeoutMs: number) {
  const url = `http://127.0.0.1:${port}/healthz`;
  const healthy = await waitUntil(
    async () => {
      if (!app.running) return true;
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
        return res.ok;
      } catch {
        return false;
      }
    },
    timeoutMs,
    100,
  );
  if (!healthy || !app.running) {
    const why = app.running ? `did not answer ${url} within ${timeoutMs} ms` : "exited";
    throw new Error(`the ${app.name} ${why}:\n${app.tail()}`);
  }
}
