import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { signedUpClient, winkyFailure } from "../../test/client-harness.js";
import { useTestRuntime } from "../../test/runtime-harness.js";
import { NO_DOCUMENTS, OWNER_ONLY } from "../../test/storage-rules.js";
import {
  createClient,
  deleteObject,
  getBlob,
  getBytes,
  getDownloadURL,
  getMetadata,
  list,
  ref,
  updateMetadata,
  uploadBytes,
  uploadString,
  type WinkyClient,
} from "../index.js";

const text = (bytes: ArrayBuffer) => new TextDecoder().decode(bytes);

describe("storage through the SDK", () => {
  const runtime = useTestRuntime("sdk-storage", NO_DOCUMENTS, { storage: { rules: OWNER_ONLY } });
  let ann: WinkyClient;
  let bob: WinkyClient;
  let anonymous: WinkyClient;
  /** A path in ann's folder. */
  let mine: (name: string) => string;

  beforeAll(async () => {
    ann = await signedUpClient(runtime.current, "ann@example.com");
    bob = await signedUpClient(runtime.current, "bob@example.com");
    anonymous = createClient({ url: runtime.current.url, project: runtime.current.project });
    mine = (name) => `users/${ann.auth.currentUser!.uid}/${name}`;
  });

  describe("when the rules allow the signed-in owner", () => {
    it("uploads bytes and downloads them byte for byte, as bytes and as a Blob", async () => {
      const content = new Uint8Array(randomBytes(50_000));
      const file = ref(ann.storage, mine("data/random.bin"));
      const { metadata } = await uploadBytes(file, content, { contentType: "application/x-test" });
      expect(metadata).toMatchObject({
        fullPath: file.fullPath,
        name: "random.bin",
        bucket: "sdk-storage",
        size: 50_000,
        contentType: "application/x-test",
        generation: expect.any(String),
      });
      expect(new Uint8Array(await getBytes(file))).toEqual(content);
      expect(new Uint8Array(await getBytes(file, 1000))).toEqual(content.subarray(0, 1000));
      const blob = await getBlob(file);
      expect([blob.type, blob.size]).toEqual(["application/x-test", 50_000]);
      expect(new Uint8Array(await blob.arrayBuffer())).toEqual(content);
    });

    it("uploads a string in each format", async () => {
      const at = (name: string) => ref(ann.storage, mine(`strings/${name}`));
      await uploadString(at("raw.txt"), "héllo", "raw");
      await uploadString(at("b64"), "aMOpbGxv", "base64");
      await uploadString(at("b64url"), "-_8", "base64url");
      const { metadata } = await uploadString(at("url"), "data:text/csv,a%2Cb", "data_url");
      expect(text(await getBytes(at("raw.txt")))).toBe("héllo");
      expect(text(await getBytes(at("b64")))).toBe("héllo");
      expect(new Uint8Array(await getBytes(at("b64url")))).toEqual(new Uint8Array([0xfb, 0xff]));
      expect(text(await getBytes(at("url")))).toBe("a,b");
      expect(metadata.contentType).toBe("text/csv");
    });

    it("keeps metadata through a round trip, and changes only what updateMetadata names", async () => {
      const file = ref(ann.storage, mine("meta.txt"));
      const uploaded = await uploadString(file, "m", "raw", {
        contentType: "text/plain",
        cacheControl: "private, max-age=60",
        contentDisposition: 'attachment; filename="m.txt"',
        customMetadata: { CamelCase: "Ünïcode ✓", plain: "x" },
      });
      const read = await getMetadata(file);
      expect(read).toEqual({ ...uploaded.metadata, ref: read.ref });
      expect(read).toMatchObject({
        contentType: "text/plain",
        cacheControl: "private, max-age=60",
        contentDisposition: 'attachment; filename="m.txt"',
        customMetadata: { CamelCase: "Ünïcode ✓", plain: "x" },
        metageneration: "1",
      });
      const updated = await updateMetadata(file, {
        cacheControl: null,
        customMetadata: { plain: null, added: "y" },
      });
      expect(updated.customMetadata).toEqual({ CamelCase: "Ünïcode ✓", added: "y" });
      expect(updated.cacheControl).toBeUndefined();
      expect(updated).toMatchObject({ contentType: "text/plain", metageneration: "2" });
      expect(await getMetadata(file)).toEqual({ ...updated, ref: expect.anything() });
    });

    it("deletes, after which reads and deletes answer not-found", async () => {
      const file = ref(ann.storage, mine("gone.txt"));
      await uploadString(file, "bye");
      await deleteObject(file);
      for (const call of [getMetadata, getBytes, deleteObject]) {
        expect(await winkyFailure(call(file))).toMatchObject({ code: "not-found", status: 404 });
      }
    });

    it("makes a download URL that works without credentials", async () => {
      const file = ref(ann.storage, mine("shared.txt"));
      await uploadString(file, "for everyone");
      const url = await getDownloadURL(file);
      const res = await fetch(url);
      expect([res.status, await res.text()]).toEqual([200, "for everyone"]);
    });
  });

  describe("when the rules deny", () => {
    it("refuses another user and anonymous callers with permission-denied, changing nothing", async () => {
      const file = mine("private.txt");
      await uploadString(ref(ann.storage, file), "ann's");
      for (const client of [bob, anonymous]) {
        const theirs = ref(client.storage, file);
        for (const call of [
          () => uploadString(theirs, "overwritten"),
          () => getBytes(theirs),
          () => getMetadata(theirs),
          () => updateMetadata(theirs, { customMetadata: { x: "y" } }),
          () => getDownloadURL(theirs),
          () => list(theirs.parent!),
          () => deleteObject(theirs),
        ]) {
          expect(await winkyFailure(call())).toMatchObject({
            code: "permission-denied",
            status: 403,
          });
        }
      }
      expect(text(await getBytes(ref(ann.storage, file)))).toBe("ann's");
    });
  });

  describe("with bad input", () => {
    it("refuses bad paths in the SDK, before sending", () => {
      for (const path of ["users//x", "users/../x", "x/", "a".repeat(1025)]) {
        expect(() => ref(ann.storage, path)).toThrow(/invalid storage path/);
      }
    });

    it("refuses bad base64 and writes nothing", async () => {
      const file = ref(ann.storage, mine("bad.bin"));
      const error = await winkyFailure(uploadString(file, "aGV$bG8=", "base64"));
      expect(error).toMatchObject({ code: "invalid-argument", status: 0 });
      expect(error.message).toContain('"$" at position 3');
      expect((await winkyFailure(getMetadata(file))).code).toBe("not-found");
    });

    it("leaves the last word to the runtime, which refuses what percent-decoding makes ..", async () => {
      const file = ref(ann.storage, mine("%2e%2e/escape.txt"));
      const error = await winkyFailure(uploadString(file, "x"));
      expect(error).toMatchObject({ code: "invalid-argument", status: 400 });
      expect(error.message).toContain("once percent-decoded");
    });
  });
});
