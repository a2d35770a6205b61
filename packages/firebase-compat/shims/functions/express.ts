// onRequest's Express-like (req, res) over the runtime's fetch Request, answered as a Response
// once the handler ends the response (send/json/end/sendStatus/redirect), as Express would.

export interface ExpressRequest {
  method: string;
  url: string;
  originalUrl: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: unknown;
  rawBody: Buffer;
  params: Record<string, string>;
  protocol: string;
  hostname: string;
  ip: string;
  get(name: string): string | undefined;
  header(name: string): string | undefined;
}

async function requestOf(request: Request): Promise<ExpressRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const seen = query[key];
    query[key] =
      seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  const rawBody = Buffer.from(await request.arrayBuffer());
  const type = headers["content-type"] ?? "";
  let body: unknown = {};
  // As firebase-functions' body parsers: JSON, form, text, else the bytes.
  if (rawBody.length > 0) {
    if (/\bjson\b/.test(type)) body = JSON.parse(rawBody.toString("utf8"));
    else if (type.startsWith("application/x-www-form-urlencoded")) {
      body = Object.fromEntries(new URLSearchParams(rawBody.toString("utf8")));
    } else if (type.startsWith("text/")) body = rawBody.toString("utf8");
    else body = rawBody;
  }
  const get = (name: string) => headers[name.toLowerCase()];
  return {
    method: request.method,
    url: url.pathname + url.search,
    originalUrl: url.pathname + url.search,
    path: url.pathname,
    query,
    headers,
    body,
    rawBody,
    params: {},
    protocol: url.protocol.replace(":", ""),
    hostname: url.hostname,
    ip: headers["x-forwarded-for"]?.split(",")[0]?.trim() ?? "",
    get,
    header: get,
  };
}

/** The response the handler writes; `done` settles when it is ended. */
function responseOf() {
  const headers = new Headers();
  const chunks: Buffer[] = [];
  let finish: (r: Response) => void = () => undefined;
  const done = new Promise<Response>((resolve) => (finish = resolve));
  const toBuffer = (body: unknown): Buffer =>
    typeof body === "string" ? Buffer.from(body) : Buffer.from(body as Uint8Array);
  const res = {
    statusCode: 200,
    headersSent: false,
    locals: {} as Record<string, unknown>,
    status(code: number) {
      res.statusCode = code;
      return res;
    },
    set(name: string | Record<string, string>, value?: string) {
      if (typeof name === "object") for (const [k, v] of Object.entries(name)) headers.set(k, v);
      else headers.set(name, String(value));
      return res;
    },
    header: (name: string, value: string) => res.set(name, value),
    setHeader: (name: string, value: string) => res.set(name, value),
    append(name: string, value: string) {
      headers.append(name, value);
      return res;
    },
    get: (name: string) => headers.get(name) ?? undefined,
    getHeader: (name: string) => headers.get(name) ?? undefined,
    type(contentType: string) {
      return res.set(
        "content-type",
        contentType.includes("/") ? contentType : `application/${contentType}`,
      );
    },
    write(chunk: string | Uint8Array) {
      chunks.push(toBuffer(chunk));
      return true;
    },
    end(chunk?: string | Uint8Array) {
      if (res.headersSent) return res;
      if (chunk !== undefined) chunks.push(toBuffer(chunk));
      res.headersSent = true;
      const body = chunks.length > 0 || res.statusCode !== 204 ? Buffer.concat(chunks) : null;
      finish(
        new Response(res.statusCode === 204 || res.statusCode === 304 ? null : body, {
          status: res.statusCode,
          headers,
        }),
      );
      return res;
    },
    json(value: unknown) {
      if (!headers.has("content-type"))
        headers.set("content-type", "application/json; charset=utf-8");
      return res.end(JSON.stringify(value));
    },
    send(value?: unknown) {
      if (value === undefined || value === null) return res.end();
      if (typeof value === "string") {
        if (!headers.has("content-type")) headers.set("content-type", "text/html; charset=utf-8");
        return res.end(value);
      }
      if (value instanceof Uint8Array) {
        if (!headers.has("content-type")) headers.set("content-type", "application/octet-stream");
        return res.end(value);
      }
      if (typeof value === "number") return res.sendStatus(value);
      return res.json(value);
    },
    sendStatus(code: number) {
      return res.status(code).type("text/plain; charset=utf-8").end(String(code));
    },
    redirect(statusOrUrl: number | string, maybeUrl?: string) {
      const [status, url] =
        typeof statusOrUrl === "number" ? [statusOrUrl, maybeUrl ?? "/"] : [302, statusOrUrl];
      return res.status(status).set("location", url).end();
    },
  };
  return { res, done };
}

export type ExpressResponse = ReturnType<typeof responseOf>["res"];

/**
 * Runs an onRequest handler on `request`. With `cors` (onRequest's option), the caller's
 * origin is allowed and a preflight answered, as the cors middleware Firebase adds does.
 */
export async function serveExpress(
  handler: (req: ExpressRequest, res: ExpressResponse) => unknown,
  request: Request,
  cors: unknown,
): Promise<Response> {
  let req: ExpressRequest;
  try {
    req = await requestOf(request);
  } catch (e) {
    // As Express's body parser: a body that does not parse is the client's error, not ours.
    if (!(e instanceof SyntaxError)) throw e;
    return new Response(`Bad Request: ${e.message}`, { status: 400 });
  }
  const { res, done } = responseOf();
  if (cors) {
    res.set("access-control-allow-origin", req.get("origin") ?? "*");
    res.set("vary", "Origin");
    if (req.method === "OPTIONS") {
      res.set("access-control-allow-methods", "GET,HEAD,PUT,PATCH,POST,DELETE");
      const asked = req.get("access-control-request-headers");
      if (asked) res.set("access-control-allow-headers", asked);
      res.status(204).end();
      return done;
    }
  }
  // The handler may end the response after it returns (a callback): wait for the end, unless
  // it throws first. One that never ends its response runs into the function's timeout.
  const failed = Promise.resolve()
    .then(() => handler(req, res))
    .then(() => new Promise<never>(() => undefined));
  return Promise.race([done, failed]);
}
