import type { PromptGuard } from "./guard.js";

/**
 * A `fetch` that cleans every request body before it leaves: give it to the model client, and
 * whatever an agent builds (LangChain messages, tool results, a system prompt) goes through the
 * guard on its way out, so there is one choke point no code path can go around.
 *
 * JSON bodies are cleaned field by field with {@link PromptGuard.cleanJson} (removals name
 * `messages[2].content`, `system`, `input[0]…`); other text bodies as text. Bodies that are
 * not text (form uploads, streams, blobs) are passed through. A body the guard cannot check
 * (the secret store is down) rejects the call: nothing unchecked is sent.
 *
 * @example
 * ```ts
 * const model = new ChatOpenAI({ model, apiKey, configuration: { fetch: guardedFetch(guard) } });
 * ```
 */
export function guardedFetch(
  guard: PromptGuard,
  base: typeof fetch = globalThis.fetch,
): typeof fetch {
  return async (input, init) => {
    if (init?.body == null && input instanceof Request && input.body !== null) {
      const body = await clean(guard, await input.text());
      return base(input.url, {
        ...requestInit(input),
        body,
        headers: withoutLength(input.headers),
      });
    }
    const text = bodyText(init?.body);
    if (text === undefined) return base(input, init);
    const body = await clean(guard, text);
    return base(input, { ...init, body, headers: withoutLength(init?.headers) });
  };
}

async function clean(guard: PromptGuard, text: string): Promise<string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return (await guard.clean(text, "body")).value;
  }
  const { value, removed } = await guard.cleanJson(parsed);
  return removed.length === 0 ? text : JSON.stringify(value);
}

/** The body as text when it is text or bytes; undefined for forms, streams and blobs. */
function bodyText(body: RequestInit["body"] | undefined): string | undefined {
  if (typeof body === "string") return body;
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body))
    return new TextDecoder().decode(body);
  return undefined;
}

/** A cleaned body has another length: let fetch compute it again. */
function withoutLength(headers: ConstructorParameters<typeof Headers>[0]): Headers {
  const out = new Headers(headers);
  out.delete("content-length");
  return out;
}

function requestInit(request: Request): RequestInit {
  return { method: request.method, signal: request.signal, redirect: request.redirect };
}
