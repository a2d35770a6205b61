import {
  chromiumPath,
  describeWithChromium,
  launchChromium,
  type BrowserPage,
  type ChromiumBrowser,
} from "@winky/testing";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { PageConfig } from "../test/browser/page-app.js";
import { callPage, servePage, type ServedPage } from "../test/browser/serve-page.js";
import { useTestRuntime } from "../test/runtime-harness.js";
import { createClient, setDoc, updateDoc } from "./index.js";

const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /notes/{id} {
      allow read: if request.auth != null;
      allow create, update: if request.auth != null && request.resource.data.owner == request.auth.uid;
    }
    match /pages/{id} {
      allow read, write: if request.auth != null;
    }
    match /rooms/{room}/messages/{id} {
      allow read: if true;
      allow write: if request.auth != null;
    }
    match /locked/{id} {
      allow read, write: if false;
    }
  }
}`;

// The page is served from one origin (127.0.0.1:<port a>) and calls the runtime on another
// (127.0.0.1:<port b>): every request is cross-origin, so this also proves the runtime's CORS.
describeWithChromium("@winky/sdk in Chromium, on another origin than the runtime", () => {
  const runtime = useTestRuntime("sdk-browser", RULES, { realtime: true });
  let served: ServedPage;
  let browser: ChromiumBrowser;
  let page: BrowserPage;
  let config: PageConfig;
  let firstLoad: Awaited<ReturnType<typeof startPage>>;
  let signedIn: { uid: string; isAnonymous: boolean };
  const startPage = () => callPage(page, "start", config);

  beforeAll(async () => {
    await runtime.current.admin("PATCH", "/config", { auth: { anonymous: { enabled: true } } });
    config = { url: runtime.current.url, project: "sdk-browser" };
    served = await servePage();
    browser = await launchChromium({ executablePath: chromiumPath() });
    page = await browser.newPage();
    await page.goto(served.url);
    firstLoad = await startPage();
    signedIn = await callPage(page, "signInAnonymously");
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });
  // What the page logged (CORS refusals appear there) explains a failure best.
  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => console.error(`page log:\n${page?.log.join("\n")}`));
  });

  it("bundles the SDK into one ES module with nothing Node-only in it", () => {
    const code = served.sdkModule.replace(/\/\/# sourceMappingURL=.*$/m, "");
    expect(code).toMatch(/^export \{/m);
    expect(code).toContain("createClient");
    expect(code).not.toMatch(/\brequire\(|\bprocess\.|\bBuffer\b|from ["']node:/);
  });

  it("signs in anonymously from a page on another origin", () => {
    expect(firstLoad.pageOrigin).not.toBe(new URL(runtime.current.url).origin);
    expect(firstLoad.uid).toBeNull();
    expect(signedIn.isAnonymous).toBe(true);
    expect(signedIn.uid).toMatch(/^\S+$/);
  });

  it("writes every value type the browser encodes and reads it back", async () => {
    expect(await callPage(page, "writeAndRead", "first")).toEqual({
      exists: true,
      owner: signedIn.uid,
      text: "héllo wörld ✓",
      bytes: [0, 1, 254, 255],
      at: 1_700_000_000_123,
      where: [48.8566, 2.3522],
      big: String(2n ** 62n),
      createdIsTimestamp: true,
    });
  });

  it("pages through a query two at a time with a snapshot cursor", async () => {
    expect(await callPage(page, "pageThrough", 5)).toEqual([["p1", "p2"], ["p3", "p4"], ["p5"]]);
  });

  it("hears through onSnapshot what another client writes from Node", async () => {
    await callPage(page, "listen", "lobby");
    const received = () => callPage(page, "snapshots");
    expect(await received()).toEqual({ snapshots: [{ docs: [], changes: [] }], errors: [] });

    const writer = createClient({ url: runtime.current.url, project: "sdk-browser" });
    await writer.auth.signInAnonymously();
    const message = writer.db.doc("rooms/lobby/messages/m1");
    await setDoc(message, { n: 1, text: "hello from Node" });
    await expect.poll(async () => (await received()).snapshots.length, { timeout: 20_000 }).toBe(2);
    await updateDoc(message, { text: "edited from Node" });
    await expect.poll(async () => (await received()).snapshots.length, { timeout: 20_000 }).toBe(3);
    expect(await received()).toEqual({
      snapshots: [
        { docs: [], changes: [] },
        { docs: [["m1", "hello from Node"]], changes: [["added", "m1"]] },
        { docs: [["m1", "edited from Node"]], changes: [["modified", "m1"]] },
      ],
      errors: [],
    });
  });

  it("surfaces the rules' refusal as a WinkyError with its code, over HTTP and realtime", async () => {
    expect(await callPage(page, "writeDenied", "locked/x")).toMatchObject({
      isWinkyError: true,
      instanceOfWinkyError: true,
      name: "WinkyError",
      code: "permission-denied",
      status: 403,
    });
    expect(await callPage(page, "listenDenied", "locked/x")).toMatchObject({
      isWinkyError: true,
      code: "permission-denied",
      status: 0,
    });
  });

  // Last: the reload starts the page over.
  it("keeps the session across a reload with storage: localStorage", async () => {
    await page.reload();
    expect(await startPage()).toEqual({
      pageOrigin: firstLoad.pageOrigin,
      uid: signedIn.uid,
      isAnonymous: true,
    });
    // The restored ID token is good for the rules' request.auth.
    expect(await callPage(page, "readNote", "first")).toEqual({
      exists: true,
      text: "héllo wörld ✓",
    });
  });
});
