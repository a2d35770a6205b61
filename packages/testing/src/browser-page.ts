import { CDP_COMMAND_TIMEOUT_MS, type CdpConnection, type CdpEvent } from "./cdp-connection.js";

interface RemoteObject {
  type: string;
  value?: unknown;
  description?: string;
}

interface ExceptionDetails {
  text: string;
  exception?: RemoteObject;
}

/**
 * A tab of a Chromium started by `launchChromium`: navigate, reload, evaluate. Everything the
 * page logs (console calls, uncaught exceptions, the browser's own messages such as a request
 * blocked by CORS) is kept in {@link log}, for the test to print when it fails.
 */
export class BrowserPage {
  /** The page's console, uncaught exceptions and browser messages, oldest first. */
  readonly log: string[] = [];
  private readonly unsubscribe: () => void;

  /** @internal Made by `ChromiumBrowser.newPage()`. */
  constructor(
    private readonly cdp: CdpConnection,
    private readonly sessionId: string,
  ) {
    this.unsubscribe = cdp.onEvent((event) => {
      if (event.sessionId === this.sessionId) this.record(event);
    });
  }

  /** @internal Turns on the domains the page reports through. */
  async enable(): Promise<void> {
    await Promise.all(
      ["Page.enable", "Runtime.enable", "Log.enable"].map((method) => this.send(method)),
    );
  }

  /**
   * Opens `url` and waits for its `load` event (module scripts have run by then).
   * @throws Error when the page cannot be loaded (e.g. net::ERR_CONNECTION_REFUSED).
   */
  async goto(url: string): Promise<void> {
    const loaded = this.nextEvent("Page.loadEventFired");
    const result = await this.send<{ errorText?: string }>("Page.navigate", { url });
    if (result.errorText) throw new Error(`opening ${url}: ${result.errorText}`);
    await loaded;
  }

  /** Reloads the page (bypassing no cache: as a user would) and waits for its `load` event. */
  async reload(): Promise<void> {
    const loaded = this.nextEvent("Page.loadEventFired");
    await this.send("Page.reload");
    await loaded;
  }

  /**
   * Evaluates `expression` in the page, awaits it if it is a promise, and resolves its value as
   * JSON (so return plain data: `undefined` and functions are lost, Dates become strings).
   * @throws Error with the page's exception (its stack) when the expression throws or rejects.
   */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.send<{
      result: RemoteObject;
      exceptionDetails?: ExceptionDetails;
    }>("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) {
      const reason = exceptionDetails.exception?.description ?? exceptionDetails.text;
      throw new Error(`in the page: ${reason}\npage log:\n${this.log.join("\n")}`);
    }
    return result.value as T;
  }

  /** @internal Stops listening (the browser closes the tab). */
  detach(): void {
    this.unsubscribe();
  }

  private send<T = Record<string, unknown>>(
    method: string,
    params: Record<string, unknown> = {},
  ): Promise<T> {
    return this.cdp.send<T>(method, params, this.sessionId);
  }

  private nextEvent(method: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`no ${method} in ${CDP_COMMAND_TIMEOUT_MS} ms`));
      }, CDP_COMMAND_TIMEOUT_MS);
      const stop = this.cdp.onEvent((event) => {
        if (event.sessionId !== this.sessionId || event.method !== method) return;
        clearTimeout(timer);
        stop();
        resolve();
      });
    });
  }

  private record({ method, params }: CdpEvent): void {
    if (method === "Runtime.consoleAPICalled") {
      const args = (params.args as RemoteObject[]).map((a) =>
        a.value !== undefined ? String(a.value) : (a.description ?? a.type),
      );
      this.log.push(`console.${String(params.type)}: ${args.join(" ")}`);
    } else if (method === "Runtime.exceptionThrown") {
      const details = params.exceptionDetails as ExceptionDetails;
      this.log.push(`uncaught: ${details.exception?.description ?? details.text}`);
    } else if (method === "Log.entryAdded") {
      const entry = params.entry as { level: string; text: string; url?: string };
      this.log.push(`browser ${entry.level}: ${entry.text}${entry.url ? ` (${entry.url})` : ""}`);
    }
  }
}
