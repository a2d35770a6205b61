// The app of the SDK's browser test: a page on another origin than the runtime, using the SDK as
// an app would (its ES module bundle, the browser's own fetch, WebSocket and localStorage). The
// test drives it through `window.winkyPage`; every step answers plain JSON.
import {
  GeoPoint,
  Timestamp,
  WinkyError,
  createClient,
  getDoc,
  getDocs,
  isWinkyError,
  limit,
  onSnapshot,
  orderBy,
  query,
  serverTimestamp,
  setDoc,
  startAfter,
  writeBatch,
  type WinkyClient,
} from "../../src/index.js";

/** What the test tells the page. */
export interface PageConfig {
  /** The runtime's URL, another origin than the page's. */
  url: string;
  project: string;
}

/** A WinkyError as the page saw it. */
export interface SeenError {
  isWinkyError: boolean;
  instanceOfWinkyError: boolean;
  name: string;
  code: string;
  status: number;
  message: string;
}

/** One snapshot a listener received: its documents and changes. */
export interface SeenSnapshot {
  docs: [id: string, text: unknown][];
  changes: [type: string, id: string][];
}

let client: WinkyClient | undefined;
const snapshots: SeenSnapshot[] = [];
const listenerErrors: SeenError[] = [];

function current(): WinkyClient {
  if (!client) throw new Error("call winkyPage.start() first");
  return client;
}

function seen(e: unknown): SeenError {
  const error = e as WinkyError;
  return {
    isWinkyError: isWinkyError(e),
    instanceOfWinkyError: e instanceof WinkyError,
    name: error.name,
    code: error.code,
    status: error.status,
    message: error.message,
  };
}

const winkyPage = {
  /**
   * Creates the client, keeping the session in `localStorage`, and answers who is signed in
   * once a kept session has been restored.
   */
  async start(config: PageConfig) {
    client = createClient({ ...config, storage: localStorage });
    await client.auth.authStateReady();
    const user = client.auth.currentUser;
    return {
      pageOrigin: location.origin,
      uid: user?.uid ?? null,
      isAnonymous: user?.isAnonymous ?? null,
    };
  },

  async signInAnonymously() {
    const user = await current().auth.signInAnonymously();
    return { uid: user.uid, isAnonymous: user.isAnonymous };
  },

  /** Writes a note of every value type the browser encodes by itself, and reads it back. */
  async writeAndRead(id: string) {
    const { auth, db } = current();
    const ref = db.doc(`notes/${id}`);
    await setDoc(ref, {
      owner: auth.currentUser!.uid,
      text: "héllo wörld ✓",
      bytes: new Uint8Array([0, 1, 254, 255]),
      at: Timestamp.fromMillis(1_700_000_000_123),
      where: new GeoPoint(48.8566, 2.3522),
      big: 2n ** 62n,
      created: serverTimestamp(),
    });
    const snap = await getDoc(ref);
    return {
      exists: snap.exists(),
      owner: snap.get("owner") as string,
      text: snap.get("text") as string,
      bytes: Array.from(snap.get("bytes") as Uint8Array),
      at: (snap.get("at") as Timestamp).toMillis(),
      where: [(snap.get("where") as GeoPoint).latitude, (snap.get("where") as GeoPoint).longitude],
      big: String(snap.get("big") as bigint),
      createdIsTimestamp: snap.get("created") instanceof Timestamp,
    };
  },

  /** Reads a note (rules: signed-in users only). */
  async readNote(id: string) {
    const snap = await getDoc(current().db.doc(`notes/${id}`));
    return { exists: snap.exists(), text: snap.exists() ? (snap.get("text") as string) : null };
  },

  /** Writes `count` pages in a batch, then reads them two at a time with a snapshot cursor. */
  async pageThrough(count: number) {
    const { db } = current();
    const batch = writeBatch(db);
    for (let n = 1; n <= count; n++) batch.set(db.doc(`pages/p${n}`), { n });
    await batch.commit();
    const first = query(db.collection("pages"), orderBy("n"), limit(2));
    const seenPages: string[][] = [];
    let page = await getDocs(first);
    while (!page.empty) {
      seenPages.push(page.docs.map((d) => d.id));
      page = await getDocs(query(first, startAfter(page.docs.at(-1)!)));
    }
    return seenPages;
  },

  /** Starts listening to a room's messages in order; resolves after the first snapshot. */
  listen(room: string): Promise<void> {
    const messages = query(current().db.collection(`rooms/${room}/messages`), orderBy("n"));
    return new Promise((resolve) => {
      onSnapshot(
        messages,
        (snap) => {
          snapshots.push({
            docs: snap.docs.map((d) => [d.id, d.get("text")]),
            changes: snap.docChanges().map((c) => [c.type, c.doc.id]),
          });
          resolve();
        },
        (error) => {
          listenerErrors.push(seen(error));
          resolve();
        },
      );
    });
  },

  /** What the listener has received so far. */
  snapshots(): { snapshots: SeenSnapshot[]; errors: SeenError[] } {
    return { snapshots, errors: listenerErrors };
  },

  /** Writes where the rules refuse, and answers the error as the app sees it. */
  async writeDenied(path: string): Promise<SeenError | null> {
    try {
      await setDoc(current().db.doc(path), { n: 1 });
      return null;
    } catch (e) {
      return seen(e);
    }
  },

  /** Listens where the rules refuse; answers the error the listener ends with. */
  listenDenied(path: string): Promise<SeenError | "snapshot"> {
    return new Promise((resolve) => {
      onSnapshot(
        current().db.doc(path),
        () => resolve("snapshot"),
        (error) => resolve(seen(error)),
      );
    });
  },
};

/** The page's API, as the test calls it. */
export type WinkyPage = typeof winkyPage;

(window as unknown as { winkyPage: WinkyPage }).winkyPage = winkyPage;
