import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from "@trpc/client";
import type { AppRouter } from "@winky/orchestrator/api";
import { EventSource, type FetchLike as EventSourceFetch } from "eventsource";
import { errorCodeLink } from "./errors.js";

/** A `fetch` as the client calls it: the global one unless a test or a proxy passes another. */
export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface WinkyClientOptions {
  /** Where the orchestrator serves the API, e.g. `http://127.0.0.1:4100/trpc`. */
  url: string;
  /** An API token (`wk_…`), sent as `Authorization: Bearer` on every call and stream. */
  token: string;
  /**
   * The team to act in, by slug (`X-Winky-Team`): a person signed in to the studio may be in
   * several. API tokens act in their own team and need none.
   */
  team?: string;
  fetch?: FetchLike;
}

/** The orchestrator's API, typed from its router: `client.runs.list.query({ … })`. */
export type WinkyClient = TRPCClient<AppRouter>;

/**
 * A typed client of the orchestrator's API. Queries and mutations go in batches over HTTP;
 * subscriptions (`runs.events`) over Server-Sent Events, with the token in a header rather
 * than the URL (the `eventsource` package lets a `fetch` add it; browsers' EventSource cannot),
 * resuming after the last event received when the stream drops. Every error it throws has the
 * server's `code` (see {@link isWinkyApiError}).
 */
export function createWinkyClient(options: WinkyClientOptions): WinkyClient {
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const headers: Record<string, string> = {
    Authorization: `Bearer ${options.token}`,
    ...(options.team ? { "X-Winky-Team": options.team } : {}),
  };
  const streamFetch: EventSourceFetch = (input, init) =>
    fetchImpl(input, { ...init, headers: { ...init.headers, ...headers } });
  return createTRPCClient<AppRouter>({
    links: [
      errorCodeLink(),
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url: options.url,
          EventSource,
          eventSourceOptions: { fetch: streamFetch },
        }),
        false: httpBatchLink({
          url: options.url,
          fetch: fetchImpl,
          headers,
        }),
      }),
    ],
  });
}
