/** A `fetch` as the probe calls it; tests pass a fake. */
export type ProbeFetch = (url: string, init: { signal: AbortSignal }) => Promise<Response>;

/** Whether a service answered its health check, and if not, why, in words. */
export type ServiceHealth = { state: "up" } | { state: "down"; reason: string };

/** How long the dashboard waits for a service before calling it down. */
export const PROBE_TIMEOUT_MS = 2_000;

/**
 * Asks `${baseUrl}/healthz`. Never throws: a refused connection, a timeout or an error
 * status is a `down` with the reason, which the dashboard shows as it is.
 */
export async function probeService(
  baseUrl: string,
  fetchImpl: ProbeFetch = (url, init) => fetch(url, init),
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<ServiceHealth> {
  const url = `${baseUrl.replace(/\/+$/, "")}/healthz`;
  try {
    const res = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
    // The body is not needed; drop it so the connection is released.
    await res.body?.cancel();
    return res.ok ? { state: "up" } : { state: "down", reason: `answered HTTP ${res.status}` };
  } catch (e) {
    return { state: "down", reason: describeFetchFailure(e, timeoutMs) };
  }
}

function describeFetchFailure(e: unknown, timeoutMs: number): string {
  if (e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError")) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  // Node's fetch says only "fetch failed"; the reason is in its cause.
  const cause = e instanceof Error ? (e.cause as { code?: unknown; message?: unknown }) : null;
  if (cause?.code === "ECONNREFUSED") return "connection refused";
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message;
  return e instanceof Error ? e.message : String(e);
}
