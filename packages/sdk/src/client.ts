import { Auth } from "./auth/auth.js";
import { createMemoryStorage, type AuthStorage } from "./auth/session.js";
import { invalidArgument } from "./errors.js";
import { Database } from "./firestore/database.js";
import { Functions } from "./functions/functions.js";
import { HttpClient, type FetchLike } from "./http.js";
import { ListenConnection } from "./realtime/connection.js";
import type { WebSocketConstructor } from "./realtime/socket.js";
import { Storage } from "./storage/storage.js";

/**
 * Options of {@link createClient}.
 * @example `{ url: "http://localhost:4000", project: "my-app", storage: localStorage }`
 */
export interface ClientOptions {
  /** The runtime's origin, e.g. `http://localhost:4000` or `https://api.example.com`. */
  url: string;
  /** The project id. */
  project: string;
  /** The `fetch` to use; `globalThis.fetch` unless given (tests pass a double). */
  fetch?: FetchLike;
  /**
   * Where the session is kept; in memory unless given. Pass `localStorage` to stay signed in
   * across reloads.
   */
  storage?: AuthStorage;
  /**
   * The WebSocket class {@link onSnapshot} listens with; `globalThis.WebSocket` unless given.
   * Node 20 has none: pass the `ws` package's (`import WebSocket from "ws"`).
   */
  WebSocket?: WebSocketConstructor;
}

/**
 * A project's SDK: {@link Auth}, the document {@link Database}, file {@link Storage} and
 * callable {@link Functions}.
 * @example `const { auth, db, storage, functions }: WinkyClient = createClient({ url, project });`
 */
export interface WinkyClient {
  readonly project: string;
  readonly auth: Auth;
  readonly db: Database;
  readonly storage: Storage;
  readonly functions: Functions;
}

/**
 * Connects to one project on a Winky runtime. Document, storage and function requests carry the
 * signed-in user's ID token, so the project's security rules (and functions, as
 * `context.auth`) see them as `request.auth`.
 *
 * @example
 * ```ts
 * import { createClient, getDoc, setDoc } from "@winky/sdk";
 *
 * const { auth, db } = createClient({
 *   url: "http://localhost:4000",
 *   project: "my-app",
 *   storage: localStorage,
 * });
 * const user = await auth.signIn("ada@example.com", "correct horse battery");
 * await setDoc(db.doc(`profiles/${user.uid}`), { name: "Ada" });
 * ```
 * @throws WinkyError invalid-argument for a missing url or project, no `fetch` available, or a
 *   `WebSocket` option that is not a class.
 */
export function createClient(options: ClientOptions): WinkyClient {
  const { url, project } = options;
  if (typeof url !== "string" || !/^https?:\/\//.test(url)) {
    throw invalidArgument(`createClient(): url must be an http(s) URL, got ${JSON.stringify(url)}`);
  }
  if (typeof project !== "string" || project === "" || project.includes("/")) {
    throw invalidArgument(
      `createClient(): project must be a project id, got ${JSON.stringify(project)}`,
    );
  }
  const fetchImpl = options.fetch ?? globalFetch();
  const http = new HttpClient({ url, project, fetch: fetchImpl });
  const origin = url.replace(/\/+$/, "");
  // One key per runtime and project, so two apps on one origin keep separate sessions.
  const auth = new Auth(
    http,
    options.storage ?? createMemoryStorage(),
    `winky:session:${origin}:${project}`,
  );
  http.useTokens(auth);
  const WebSocket = options.WebSocket ?? globalWebSocket();
  if (WebSocket !== undefined && typeof WebSocket !== "function") {
    throw invalidArgument("createClient(): WebSocket must be a WebSocket class");
  }
  const realtime = new ListenConnection({ url: origin, project, tokens: auth, WebSocket });
  return Object.freeze({
    project,
    auth,
    db: new Database(project, http, realtime),
    storage: new Storage(project, http),
    functions: new Functions(project, http),
  });
}

/** Browsers' and Node 22's; undefined on Node 20 (listening then asks for the option). */
function globalWebSocket(): WebSocketConstructor | undefined {
  return (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
}

function globalFetch(): FetchLike {
  const f = globalThis.fetch;
  if (typeof f !== "function") {
    throw invalidArgument("createClient(): no global fetch; pass options.fetch");
  }
  // Called unbound, browsers' fetch throws "Illegal invocation".
  return (input, init) => f.call(globalThis, input, init);
}
