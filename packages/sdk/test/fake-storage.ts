// A scripted stand-in for the runtime's storage routes, for the SDK's unit tests of uploads:
// it keeps resumable sessions as the runtime does (offsets, 308 with Range, 409 on a wrong
// offset), and lets a test hold a chunk in flight or fail the next request.
import {
  errorAnswer,
  fakeFetch,
  PROJECT,
  type FakeAnswer,
  type SeenRequest,
} from "./fake-fetch.js";

/** One session the fake holds. */
interface Session {
  name: string;
  metadata: Record<string, unknown>;
  bytes: number[];
  cancelled: boolean;
}

/** The bytes of a request body the SDK sent (a Uint8Array or a Blob). */
export async function bodyBytes(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return new Uint8Array(body);
  if (body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  return new Uint8Array(0);
}

/** The object the fake answers for a committed upload. */
export function wireObject(name: string, size: number, extra: Record<string, unknown> = {}) {
  return {
    name,
    bucket: PROJECT,
    generation: "1",
    metageneration: "1",
    contentType: "application/octet-stream",
    size: String(size),
    md5Hash: "md5",
    timeCreated: "2024-01-01T00:00:00.000Z",
    updated: "2024-01-01T00:00:00.000Z",
    metadata: {},
    ...extra,
  };
}

export function fakeStorage() {
  const sessions = new Map<string, Session>();
  /** Answers the next matching request instead of the fake (one-shot). */
  const scripted: { match: (r: SeenRequest) => boolean; answer: FakeAnswer }[] = [];
  /** While set, chunk requests wait for it (or reject when their signal aborts). */
  let gate: Promise<void> | null = null;
  let openGate: () => void = () => undefined;

  const handler = async (request: SeenRequest): Promise<FakeAnswer> => {
    const at = scripted.findIndex((s) => s.match(request));
    if (at >= 0) return scripted.splice(at, 1)[0]!.answer;
    const url = new URL(request.path, "http://x");
    const id = url.searchParams.get("upload_id");
    if (request.method === "POST" && url.searchParams.get("uploadType") === "resumable") {
      const uploadId = String(sessions.size + 1).padStart(32, "0");
      const name = url.searchParams.get("name")!;
      sessions.set(uploadId, {
        name,
        metadata: request.body as Record<string, unknown>,
        bytes: [],
        cancelled: false,
      });
      return { json: { uploadId, sessionUrl: `http://x/${uploadId}` } };
    }
    const session = id === null ? undefined : sessions.get(id);
    if (request.method === "DELETE" && session) {
      session.cancelled = true;
      return { status: 204 };
    }
    if (request.method === "PUT" && session && !session.cancelled) {
      if (gate) await waitOrAbort(gate, request.signal);
      const range = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+)$/.exec(
        request.headers["content-range"] ?? "",
      )!;
      const total = Number(range[3]);
      if (range[1] !== undefined) {
        if (Number(range[1]) !== session.bytes.length) {
          return errorAnswer(409, "aborted", "offset", {
            reason: "offset-mismatch",
            expectedOffset: session.bytes.length,
          });
        }
        session.bytes.push(...(await bodyBytes(request.rawBody)));
      }
      if (session.bytes.length >= total) {
        return {
          json: wireObject(session.name, total, { metadata: session.metadata.metadata ?? {} }),
        };
      }
      const headers: Record<string, string> = session.bytes.length
        ? { range: `bytes=0-${session.bytes.length - 1}` }
        : {};
      return new Response(null, { status: 308, headers });
    }
    return errorAnswer(404, "not-found", `no route ${request.method} ${request.path}`);
  };

  const { fetch, requests } = fakeFetch(handler);
  return {
    fetch,
    requests,
    sessions,
    /** The next request `match` accepts gets `answer`. */
    script(match: (r: SeenRequest) => boolean, answer: FakeAnswer) {
      scripted.push({ match, answer });
    },
    /** Holds chunk requests until {@link release}. */
    hold() {
      gate = new Promise((resolve) => (openGate = resolve));
    },
    release() {
      gate = null;
      openGate();
    },
    /** The chunk requests' Content-Range headers, in order. */
    ranges: () => requests.filter((r) => r.method === "PUT").map((r) => r.headers["content-range"]),
  };
}

function waitOrAbort(gate: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(new DOMException("The operation was aborted.", "AbortError"));
    if (signal?.aborted) return abort();
    signal?.addEventListener("abort", abort, { once: true });
    void gate.then(resolve);
  });
}
