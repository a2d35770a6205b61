import { chmod, chown } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { SANDBOX_USER } from "./launcher.js";

/** A listening Unix socket that the sandbox user may connect to, and its open connections. */
export class UnixSocketServer {
  readonly #connections = new Set<Socket>();

  private constructor(readonly server: Server) {
    server.on("connection", (socket) => {
      this.#connections.add(socket);
      socket.once("close", () => this.#connections.delete(socket));
    });
  }

  /**
   * Listens on `socketPath`. Connecting needs write permission on the socket: as root it is
   * given to the sandbox user alone; otherwise it is 0666 inside dirs other users cannot list.
   * `allowHalfOpen` keeps a connection writable after the peer ended its side (for relays).
   */
  static async listen(
    socketPath: string,
    onConnection: (socket: Socket) => void,
    options: { allowHalfOpen?: boolean } = {},
  ): Promise<UnixSocketServer> {
    const server = createServer(
      { noDelay: true, allowHalfOpen: options.allowHalfOpen ?? false },
      onConnection,
    );
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socketPath, () => {
        server.off("error", reject);
        resolve();
      });
    });
    if (process.getuid?.() === 0) {
      await chown(socketPath, SANDBOX_USER.uid, SANDBOX_USER.gid);
      await chmod(socketPath, 0o600);
    } else {
      await chmod(socketPath, 0o666);
    }
    return new UnixSocketServer(server);
  }

  /** Stops listening (no new connections); open ones stay. */
  stopListening(): void {
    if (this.server.listening) this.server.close();
  }

  /** Stops listening and drops every connection. */
  close(): void {
    this.stopListening();
    for (const socket of this.#connections) socket.destroy();
  }
}
