/** What `runService` needs of a server: Fastify instances fit as they are. */
export interface ListeningService {
  listen(options: { host: string; port: number }): Promise<string>;
  close(): Promise<unknown>;
  log: { info(details: object, message: string): void };
}

export interface BootedService {
  app: ListeningService;
  host: string;
  port: number;
  /** Closes what the app does not own (pools, clients), after the app has closed. */
  onClose?: () => Promise<unknown>;
}

/**
 * The lifecycle every app's `main.ts` shares: boot (config, deps, app), listen, and on
 * SIGTERM/SIGINT close the app and then its dependencies and exit 0. A boot failure (bad
 * configuration, unreachable database) prints one line naming the service, no stack trace,
 * and exits 1.
 */
export async function runService(name: string, boot: () => Promise<BootedService>): Promise<void> {
  let booted: BootedService;
  try {
    booted = await boot();
    await booted.app.listen({ host: booted.host, port: booted.port });
  } catch (e) {
    process.stderr.write(`${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    booted.app.log.info({ signal }, "shutting down");
    await booted.app.close();
    await booted.onClose?.();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
