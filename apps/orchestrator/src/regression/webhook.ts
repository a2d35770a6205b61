/** How requests leave: `globalThis.fetch` unless a test passes another. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** What became of a notification; `error` never contains the URL (a credential). */
export type WebhookResult =
  { ok: true; status: number } | { ok: false; status?: number; error: string };

export interface PostWebhookOptions {
  fetch?: FetchLike;
  /** How long to wait for the answer's status line and body (default 10 s). */
  timeoutMs?: number;
}

/** The default wait: a chat tool that takes longer is down, and the run has its verdict. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * POSTs `message` as JSON to a team's webhook, once: the regression's result stands whatever
 * happens here, so nothing is retried and nothing is thrown. Redirects are not followed (an
 * incoming webhook answers itself; following one would send the payload somewhere unvetted).
 * The answer's body is read and dropped.
 *
 * Incoming-webhook URLs carry their secret in the path, so the result describes failures by
 * status code or network error code only: no URL, host or path, and no message of fetch's
 * (which quotes the URL it could not parse).
 */
export async function postWebhook(
  url: string,
  message: unknown,
  options: PostWebhookOptions = {},
): Promise<WebhookResult> {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const send = options.fetch ?? globalThis.fetch;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    return { ok: false, error: "the webhook URL is not an http(s) URL" };
  }
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await send(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(message),
      redirect: "manual",
      signal,
    });
    await response.arrayBuffer();
    if (response.status >= 200 && response.status < 300)
      return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: `the webhook answered ${response.status}` };
  } catch (e) {
    if (signal.aborted) {
      return { ok: false, error: `the webhook did not answer within ${timeoutMs / 1000} s` };
    }
    return { ok: false, error: `the webhook could not be reached (${networkCode(e)})` };
  }
}

/** `ECONNREFUSED`, `ENOTFOUND`…: from the error or its cause, only when shaped like a code. */
function networkCode(e: unknown): string {
  for (let current = e, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return "network error";
}
