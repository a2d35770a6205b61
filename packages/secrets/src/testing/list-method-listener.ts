import { createServer as createHttpServer, type RequestListener } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Socket } from "node:net";
import { Duplex, Transform } from "node:stream";

/** The method a `LIST` request reaches the handler with (WebDAV's own "list a collection"). */
export const LIST_AS = "PROPFIND";

/** A listening {@link listenAcceptingList}. */
export interface ListMethodListener {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves `handler` on 127.0.0.1, accepting Vault's `LIST` method, which Node's HTTP parser
 * refuses with 400 (it is not in `http.METHODS`). Each TCP connection's first request line is
 * rewritten from `LIST ` to `PROPFIND ` before the parser sees it, and every answer closes its
 * connection, so every request is the first of its connection. The handler must treat
 * {@link LIST_AS} as `LIST`.
 */
export async function listenAcceptingList(
  handler: RequestListener,
  port = 0,
): Promise<ListMethodListener> {
  const http = createHttpServer((req, res) => {
    res.setHeader("Connection", "close");
    handler(req, res);
  });
  const sockets = new Set<Socket>();
  const tcp = createTcpServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    const rewritten = rewriteFirstMethod(socket);
    const duplex = Duplex.from({ readable: rewritten, writable: socket });
    socket.on("error", () => duplex.destroy());
    duplex.on("error", () => socket.destroy());
    http.emit("connection", duplex);
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    port: (tcp.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        tcp.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** The socket's bytes, with a leading `LIST ` turned into `PROPFIND `. */
function rewriteFirstMethod(socket: Socket): Transform {
  let head: Buffer | null = Buffer.alloc(0);
  const flushHead = (transform: Transform) => {
    if (head === null) return;
    const rewritten =
      head.subarray(0, 5).toString("latin1") === "LIST "
        ? Buffer.concat([Buffer.from(`${LIST_AS} `, "latin1"), head.subarray(5)])
        : head;
    head = null;
    transform.push(rewritten);
  };
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (head === null) return done(null, chunk);
      head = Buffer.concat([head, chunk]);
      // Five bytes tell a LIST request line from any other.
      if (head.length >= 5) flushHead(this);
      done();
    },
    flush(done) {
      flushHead(this);
      done();
    },
  });
  return socket.pipe(transform);
}
