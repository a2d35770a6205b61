import { CORS_ALLOWED_HEADERS } from "@winky/runtime";
import { describe, expect, it } from "vitest";
import {
  errorAnswer,
  fakeFetch,
  PROJECT,
  URL_BASE,
  type FakeAnswer,
  type SeenRequest,
} from "../../test/fake-fetch.js";
import { bodyBytes, fakeStorage, wireObject } from "../../test/fake-storage.js";
import { createClient } from "../client.js";
import { isWinkyError } from "../errors.js";
import { getBlob, getBytes, getDownloadURL } from "./downloads.js";
import { list, listAll } from "./list.js";
import { deleteObject, getMetadata, updateMetadata } from "./objects.js";
import { ref } from "./storage.js";
import { uploadBytes, uploadString } from "./uploads.js";

function client(handler: (r: SeenRequest) => FakeAnswer | Promise<FakeAnswer>) {
  const fake = fakeFetch(handler);
  return {
    ...fake,
    storage: createClient({ url: URL_BASE, project: PROJECT, fetch: fake.fetch }).storage,
  };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable("the call succeeded"),
    (e: unknown) => (isWinkyError(e) ? e : expect.unreachable(String(e))),
  );

describe("storage requests", () => {
  describe("uploadBytes", () => {
    it("sends content with only a Content-Type when no other metadata goes along", async () => {
      const { storage, requests } = client(() => ({ json: wireObject("a/b c.txt", 2) }));
      const result = await uploadBytes(
        ref(storage, "a/b c.txt"),
        new Blob(["hi"], { type: "text/plain" }),
      );
      await uploadBytes(ref(storage, "a/b c.txt"), new Uint8Array([1]).buffer);
      expect(requests.map((r) => [r.method, r.path, r.headers])).toEqual([
        [
          "POST",
          "/storage/o?name=a%2Fb%20c.txt",
          { accept: "application/json", "content-type": "text/plain" },
        ],
        [
          "POST",
          "/storage/o?name=a%2Fb%20c.txt",
          { accept: "application/json", "content-type": "application/octet-stream" },
        ],
      ]);
      expect(result.metadata).toMatchObject({ name: "b c.txt", fullPath: "a/b c.txt", size: 2 });
      expect(result.ref.fullPath).toBe("a/b c.txt");
    });

    it("opens a session for other metadata, so custom keys keep their case", async () => {
      const fake = fakeStorage();
      const { storage } = createClient({ url: URL_BASE, project: PROJECT, fetch: fake.fetch });
      const { metadata } = await uploadBytes(
        ref(storage, "docs/a.txt"),
        new Uint8Array([104, 105]),
        {
          contentType: "text/plain",
          cacheControl: "no-cache",
          customMetadata: { CamelCase: "Ünïcode" },
        },
      );
      expect(fake.requests[0]!.body).toEqual({
        contentType: "text/plain",
        cacheControl: "no-cache",
        metadata: { CamelCase: "Ünïcode" },
      });
      expect(fake.ranges()).toEqual(["bytes 0-1/2"]);
      expect(metadata.customMetadata).toEqual({ CamelCase: "Ünïcode" });
    });

    it("refuses bad data, unsupported metadata and the root before sending anything", async () => {
      const { storage, requests } = client(() => ({ json: {} }));
      const file = ref(storage, "f.bin");
      const cases: [Promise<unknown>, string][] = [
        [
          uploadBytes(file, "text" as unknown as Uint8Array),
          "got string (use uploadString() for strings)",
        ],
        [uploadBytes(file, [1, 2] as unknown as Uint8Array), "got Array"],
        [
          uploadBytes(file, new Uint8Array(1), { contentEncoding: "gzip" } as object),
          "metadata.contentEncoding is not supported",
        ],
        [
          uploadBytes(file, new Uint8Array(1), { customMetadata: { n: 1 } } as object),
          "metadata.customMetadata.n must be a string",
        ],
        [uploadBytes(file.root, new Uint8Array(1)), "the root reference names no object"],
      ];
      for (const [call, message] of cases) {
        const error = await failure(call);
        expect(error.code).toBe("invalid-argument");
        expect(error.message).toContain(message);
      }
      expect(requests).toEqual([]);
    });
  });

  describe("uploadString", () => {
    it("sends the decoded bytes, typed by the data URL unless the metadata says otherwise", async () => {
      const { storage, requests } = client(() => ({ json: wireObject("s", 0) }));
      await uploadString(ref(storage, "s"), "data:image/svg+xml;base64,PHN2Zy8+", "data_url");
      await uploadString(ref(storage, "s"), "data:image/svg+xml,x", "data_url", {
        contentType: "text/plain",
      });
      await uploadString(ref(storage, "s"), "aGk", "base64");
      expect(requests.map((r) => r.headers["content-type"])).toEqual([
        "image/svg+xml",
        "text/plain",
        "application/octet-stream",
      ]);
      expect(new TextDecoder().decode(await bodyBytes(requests[0]!.rawBody))).toBe("<svg/>");
      expect(new TextDecoder().decode(await bodyBytes(requests[2]!.rawBody))).toBe("hi");
    });
  });

  describe("downloads", () => {
    const content = new Uint8Array(100_000).map((_, i) => i % 256);
    const media = () => new Response(content, { headers: { "content-type": "image/png" } });

    it("read the content with the object's type, or only its first bytes", async () => {
      const { storage, requests } = client(media);
      const file = ref(storage, "img/x y.png");
      expect(new Uint8Array(await getBytes(file))).toEqual(content);
      expect(new Uint8Array(await getBytes(file, 10))).toEqual(content.slice(0, 10));
      expect((await getBytes(file, 0)).byteLength).toBe(0);
      const blob = await getBlob(file, 5);
      expect([blob.type, blob.size]).toEqual(["image/png", 5]);
      expect(requests[0]).toMatchObject({
        method: "GET",
        path: "/storage/o/img%2Fx%20y.png?alt=media",
      });
      // No Range header: a page on another origin could not send one without a preflight.
      expect(Object.keys(requests[1]!.headers)).toEqual([]);
    });

    it("throw the runtime's error, and refuse a bad maximum", async () => {
      const { storage } = client(() => errorAnswer(404, "not-found", 'no object "x"'));
      expect(await failure(getBytes(ref(storage, "x")))).toMatchObject({
        code: "not-found",
        status: 404,
      });
      expect((await failure(getBytes(ref(storage, "x"), -1))).message).toContain(
        "maxDownloadSizeBytes",
      );
    });

    it("getDownloadURL asks the runtime to sign a GET, for 7 days unless told", async () => {
      const { storage, requests } = client(() => ({
        json: { url: "http://signed", method: "GET" },
      }));
      expect(await getDownloadURL(ref(storage, "a/b.png"))).toBe("http://signed");
      await getDownloadURL(ref(storage, "a/b.png"), { expiresInSeconds: 60 });
      expect(requests.map((r) => [r.path, r.body])).toEqual([
        ["/storage/o/a%2Fb.png:signUrl", { method: "GET", expiresInSeconds: 604800 }],
        ["/storage/o/a%2Fb.png:signUrl", { method: "GET", expiresInSeconds: 60 }],
      ]);
      expect((await failure(getDownloadURL(ref(storage, "a"), { expiresInSeconds: 0 }))).code).toBe(
        "invalid-argument",
      );
    });
  });

  describe("metadata and deletion", () => {
    it("PATCH only the given fields, null removing, and DELETE", async () => {
      const { storage, requests } = client((r) =>
        r.method === "DELETE"
          ? { status: 204 }
          : { json: wireObject("m/n", 1, { cacheControl: "no-cache" }) },
      );
      const file = ref(storage, "m/n");
      expect((await getMetadata(file)).cacheControl).toBe("no-cache");
      await updateMetadata(file, { cacheControl: null, customMetadata: { a: "1", b: null } });
      await deleteObject(file);
      expect(requests.map((r) => [r.method, r.path, r.body])).toEqual([
        ["GET", "/storage/o/m%2Fn", undefined],
        ["PATCH", "/storage/o/m%2Fn", { cacheControl: null, metadata: { a: "1", b: null } }],
        ["DELETE", "/storage/o/m%2Fn", undefined],
      ]);
    });
  });

  describe("listing", () => {
    it("asks for the folder's prefix with the delimiter and maps prefixes to references", async () => {
      const { storage, requests } = client(() => ({
        json: { prefixes: ["u/1/pics/"], items: [{ name: "u/1/a.txt" }], nextPageToken: "t1" },
      }));
      const page = await list(ref(storage, "u/1"), { maxResults: 2, pageToken: "t0" });
      await list(ref(storage));
      expect(requests.map((r) => r.path)).toEqual([
        "/storage/o?prefix=u%2F1%2F&delimiter=%2F&maxResults=2&pageToken=t0",
        "/storage/o?prefix=&delimiter=%2F",
      ]);
      expect(page.prefixes.map((p) => p.fullPath)).toEqual(["u/1/pics"]);
      expect(page.items.map((i) => i.name)).toEqual(["a.txt"]);
      expect(page.nextPageToken).toBe("t1");
    });

    it("listAll follows the page tokens to the end", async () => {
      const pages: Record<string, object> = {
        "": { prefixes: ["d/p/"], items: [{ name: "d/1" }], nextPageToken: "a" },
        a: { prefixes: [], items: [{ name: "d/2" }], nextPageToken: "b" },
        b: { items: [{ name: "d/3" }] },
      };
      const { storage } = client((r) => ({
        json: pages[new URL(r.path, "http://x").searchParams.get("pageToken") ?? ""],
      }));
      const all = await listAll(ref(storage, "d"));
      expect(all.items.map((i) => i.fullPath)).toEqual(["d/1", "d/2", "d/3"]);
      expect(all.prefixes.map((p) => p.fullPath)).toEqual(["d/p"]);
      expect(all.nextPageToken).toBeUndefined();
    });

    it("refuses a page size out of range", async () => {
      const { storage } = client(() => ({ json: {} }));
      for (const maxResults of [0, 1001, 2.5]) {
        expect((await failure(list(ref(storage), { maxResults }))).message).toContain(
          "maxResults must be an integer from 1 to 1000",
        );
      }
    });
  });

  describe("from a page on another origin", () => {
    it("sends only headers the runtime's CORS preflight allows", async () => {
      const fake = fakeStorage();
      fake.script((r) => r.method === "POST" && r.path.includes("name=f"), {
        json: wireObject("f", 1),
      });
      const { storage } = createClient({ url: URL_BASE, project: PROJECT, fetch: fake.fetch });
      const file = ref(storage, "f");
      await uploadBytes(file, new Uint8Array(1), { contentType: "text/plain" });
      // A session: the declared size in a header, and each chunk's Content-Range.
      await uploadBytes(file, new Uint8Array(1), { customMetadata: { a: "b" } });
      const sent = new Set(fake.requests.flatMap((r) => Object.keys(r.headers)));
      expect([...sent].filter((h) => !CORS_ALLOWED_HEADERS.includes(h as never))).toEqual([]);
      expect(sent).toContain("x-upload-content-length");
    });
  });
});
