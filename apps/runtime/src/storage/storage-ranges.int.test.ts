import { beforeAll, describe, expect, it } from "vitest";
import { useStorageApi } from "./storage-api.test-bed.js";
import { describeOnEachBackend } from "./storage.test-bed.js";

// `GET o/<name>?alt=media` with `Range`, as S3 and Cloud Storage answer it: one range is
// served (206), a range no byte is in is refused (416, `Content-Range: bytes */<size>`), and a
// header that is not one valid byte range is ignored (200, the whole object; RFC 9110 §14.2).

const TEN = "ranges/ten.txt";
const EMPTY = "ranges/empty.txt";

describeOnEachBackend("storage over HTTP: byte ranges", (backend) => {
  const api = useStorageApi("runtime_storage_ranges", backend);
  const get = (name: string, range: string) => api.download(name, { ...api.bed.admin, range });

  beforeAll(async () => {
    expect((await api.upload(TEN, "0123456789", api.bed.admin)).statusCode).toBe(200);
    expect((await api.upload(EMPTY, "", api.bed.admin)).statusCode).toBe(200);
  });

  describe("when some byte is in the range", () => {
    it.each([
      ["bytes=2-4", "234", "bytes 2-4/10"],
      ["bytes=9-9", "9", "bytes 9-9/10"],
      ["bytes=7-", "789", "bytes 7-9/10"],
      ["bytes=-5", "56789", "bytes 5-9/10"],
      ["bytes=-100", "0123456789", "bytes 0-9/10"],
      ["bytes=5-100", "56789", "bytes 5-9/10"],
      ["bytes=0-99999999999999999999", "0123456789", "bytes 0-9/10"],
    ])("serves %s with 206, cut at the last byte", async (range, body, contentRange) => {
      const res = await get(TEN, range);
      expect(res.statusCode, res.body).toBe(206);
      expect(res.body).toBe(body);
      expect(res.headers["content-range"]).toBe(contentRange);
      expect(res.headers["content-length"]).toBe(String(body.length));
    });

    it("serves an empty object's last bytes as the whole of it, with 200", async () => {
      const res = await get(EMPTY, "bytes=-5");
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toBe("");
      expect(res.headers["content-range"]).toBeUndefined();
    });
  });

  describe("when no byte is in the range", () => {
    it.each([
      [TEN, "bytes=10-", 10],
      [TEN, "bytes=1000-", 10],
      [TEN, "bytes=10-20", 10],
      [TEN, "bytes=-0", 10],
      [TEN, "bytes=99999999999999999999-", 10],
      [EMPTY, "bytes=0-", 0],
    ])("refuses %s %s with 416 and the object's size", async (name, range, size) => {
      const res = await get(name, range);
      expect(res.statusCode, res.body).toBe(416);
      expect(res.headers["content-range"]).toBe(`bytes */${size}`);
      expect(res.json()).toEqual({
        error: {
          code: "out-of-range",
          message: `Range: no byte of "${name}" (${size} bytes) is in the requested range`,
          details: { reason: "range-not-satisfiable", size },
        },
      });
    });

    it("lets the rules refuse first, so a reader without access learns no size", async () => {
      const { ann, bob } = api;
      const name = `users/${ann.uid}/diary.txt`;
      expect((await api.upload(name, "dear diary", ann.headers)).statusCode).toBe(200);
      for (const headers of [bob.headers, {}]) {
        const res = await api.download(name, { ...headers, range: "bytes=1000-" });
        expect(res.statusCode, res.body).toBe(403);
        expect(res.headers["content-range"]).toBeUndefined();
        expect(res.json()).toEqual({
          error: { code: "permission-denied", message: "Missing or insufficient permissions." },
        });
      }
      const mine = await api.download(name, { ...ann.headers, range: "bytes=1000-" });
      expect(mine.statusCode).toBe(416);
    });

    it("answers 404 for a missing object, whatever the range", async () => {
      for (const range of ["bytes=1000-", "bytes=-0", "bytes=-5"]) {
        expect((await get("ranges/none.txt", range)).statusCode, range).toBe(404);
      }
    });
  });

  describe("when the header is not one valid byte range", () => {
    it.each([
      "bytes=4-1",
      "bytes=abc",
      "bytes=-",
      "items=0-4",
      "0-4",
      // Several ranges: served whole, as S3 and Cloud Storage serve one range per request.
      "bytes=0-1,3-4",
      "bytes=1000-,0-1",
    ])("ignores %j and serves the whole object with 200", async (range) => {
      const res = await get(TEN, range);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toBe("0123456789");
      expect(res.headers["content-range"]).toBeUndefined();
    });
  });
});
