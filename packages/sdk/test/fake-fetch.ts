// Test doubles for the SDK's unit tests: a scripted fetch that records requests, and unsigned
// ID tokens shaped like the runtime's.
import type { FetchLike } from "../src/http.js";

export const URL_BASE = "http://runtime.test";
export const PROJECT = "demo";

/** One request the fake saw, with the path below `/v1/projects/<project>`. */
export interface SeenRequest {
  method: string;
  path: string;
  body: unknown;
  /** The body as sent, for bodies that are not JSON (file content). */
  rawBody: unknown;
  headers: Record<string, string>;
  signal: AbortSignal | undefined;
}

/** What a handler answers: a JSON body with a status, or a ready Response, or a thrown error. */
export type FakeAnswer = { status?: number; json?: unknown } | Response;

/**
 * A fetch double: each request is recorded and answered by `handler`; a handler that throws
 * behaves like a network failure.
 */
export function fakeFetch(handler: (request: SeenRequest) => FakeAnswer | Promise<FakeAnswer>): {
  fetch: FetchLike;
  requests: SeenRequest[];
} {
  const requests: SeenRequest[] = [];
  const prefix = `${URL_BASE}/v1/projects/${PROJECT}`;
  const fetch: FetchLike = async (input, init) => {
    const request: SeenRequest = {
      method: init.method ?? "GET",
      path: input.startsWith(prefix) ? input.slice(prefix.length) : input,
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      rawBody: init.body,
      headers: { ...(init.headers as Record<string, string>) },
      signal: init.signal ?? undefined,
    };
    requests.push(request);
    const answer = await handler(request);
    if (answer instanceof Response) return answer;
    const status = answer.status ?? 200;
    if (status === 204) return new Response(null, { status });
    return new Response(JSON.stringify(answer.json ?? {}), {
      status,
      headers: { "content-type": "application/json" },
    });
  };
  return { fetch, requests };
}

/** The runtime's error answer. */
export function errorAnswer(
  status: number,
  code: string,
  message = code,
  details?: Record<string, unknown>,
): FakeAnswer {
  return { status, json: { error: { code, message, ...(details ? { details } : {}) } } };
}

/** An unsigned JWT with the claims the runtime puts in an ID token. */
export function idToken(uid: string, extra: Record<string, unknown> = {}): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const claims = {
    sub: uid,
    user_id: uid,
    firebase: { sign_in_provider: "password", identities: {} },
    ...extra,
  };
  return `${part({ alg: "ES256", typ: "JWT" })}.${part(claims)}.signature`;
}

/** A session answer as `/auth/signIn` and `/auth/token` give it. */
export function sessionAnswer(uid: string, n: number, expiresIn = 3600): FakeAnswer {
  return {
    json: { uid, idToken: idToken(uid, { n }), refreshToken: `refresh-${n}`, expiresIn },
  };
}
