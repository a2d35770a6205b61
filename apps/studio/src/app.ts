import Fastify, { type FastifyInstance } from "fastify";

export interface StudioDeps {
  runtimeUrl: string;
  orchestratorUrl: string;
  /** Fetches another service's health; injected so tests need no network. */
  probe(url: string): Promise<boolean>;
  logLevel?: string;
}

/**
 * The studio's server until the Next.js studio lands: `/healthz`, and a status page that
 * shows whether the runtime and the orchestrator answer.
 */
export function buildApp(deps: StudioDeps): FastifyInstance {
  const app = Fastify({ logger: { level: deps.logLevel ?? "info" } });
  app.get("/healthz", async () => ({ status: "ok", service: "studio" }));
  app.get("/", async (_request, reply) => {
    const services = [
      { name: "Runtime", url: deps.runtimeUrl },
      { name: "Orchestrator", url: deps.orchestratorUrl },
    ];
    const states = await Promise.all(services.map((s) => deps.probe(`${s.url}/healthz`)));
    const rows = services
      .map(
        (s, i) =>
          `<li>${s.name} <code>${escapeHtml(s.url)}</code>: ${states[i] ? "up" : "down"}</li>`,
      )
      .join("");
    return reply
      .type("text/html; charset=utf-8")
      .send(
        `<!doctype html><html><head><meta charset="utf-8"><title>Winky-Coder Studio</title></head>` +
          `<body><h1>Winky-Coder Studio</h1><ul>${rows}</ul></body></html>`,
      );
  });
  return app;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
