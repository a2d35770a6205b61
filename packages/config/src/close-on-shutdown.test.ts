import { once } from "node:events";
import http from "node:http";
import { Readable } from "node:stream";
import Fastify from "fastify";
import { expect, it } from "vitest";
import { endConnectionsOnShutdown } from "./close-on-shutdown.js";

it("ends a keep-alive connection whose response was still being written when close began", async () => {
  const app = Fastify();
  endConnectionsOnShutdown(app);
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  app.get("/slow", async (_request, reply) => {
    const body = new Readable({ read() {} });
    body.push("first ");
    void released.then(() => body.push(null));
    return reply.header("content-type", "text/plain").send(body);
  });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  const agent = new http.Agent({ keepAlive: true });
  try {
    const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http.get(`${address}/slow`, { agent }, resolve).on("error", reject),
    );
    const socket = response.socket;
    const serverEnded = once(socket, "end");
    let text = "";
    response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));

    // Close begins while the response is still open: Node leaves this connection alone.
    const closed = app.close();
    release();
    await once(response, "end");
    expect(text).toBe("first ");
    await serverEnded; // the server ended the connection instead of keeping it alive
    await closed;
  } finally {
    agent.destroy();
  }
});
