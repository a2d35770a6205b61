import { describe, expect, it } from "vitest";
import { GenerationClock } from "./generation.js";
import { KeyedMutex } from "./keyed-mutex.js";
import { checkListOptions, collectPage, encodePageToken, type ListEntry } from "./listing.js";

describe("GenerationClock", () => {
  it("counts microseconds and stays strictly increasing when the clock stalls or steps back", () => {
    let now = 1_000;
    const clock = new GenerationClock(() => now);
    expect(clock.next()).toBe("1000000");
    expect(clock.next()).toBe("1000001");
    now = 900;
    expect(clock.next()).toBe("1000002");
    now = 2_000;
    expect(clock.next()).toBe("2000000");
  });

  it("goes above a generation seen on the object, even one from a clock far ahead", () => {
    const clock = new GenerationClock(() => 1_000);
    expect(clock.next("99999999999")).toBe("100000000000");
  });
});

describe("KeyedMutex", () => {
  it("runs tasks of one key one at a time, in order, and is not blocked by a failure", async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const task =
      (label: string, fail = false) =>
      async () => {
        log.push(`start ${label}`);
        await new Promise((resolve) => setImmediate(resolve));
        log.push(`end ${label}`);
        if (fail) throw new Error(label);
        return label;
      };
    const results = await Promise.allSettled([
      mutex.run("k", task("a", true)),
      mutex.run("k", task("b")),
      mutex.run("other", task("c")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(log.indexOf("end a")).toBeLessThan(log.indexOf("start b"));
    expect(log.indexOf("start c")).toBeLessThan(log.indexOf("end a"));
  });
});

describe("list pages", () => {
  async function* entries(names: string[]): AsyncGenerator<ListEntry> {
    for (const name of names)
      yield name.endsWith("/") ? { kind: "prefix", name } : { kind: "item", name, size: 1 };
  }

  it("takes a page, skips what the token already covered, and issues a token only if more follow", async () => {
    const first = await collectPage(
      entries(["a", "b/", "c"]),
      checkListOptions("p1-app", { pageSize: 2 }),
    );
    expect(first).toEqual({
      items: [{ name: "a", size: 1 }],
      prefixes: ["b/"],
      nextPageToken: encodePageToken("b/"),
    });
    const request = checkListOptions("p1-app", { pageSize: 2, pageToken: first.nextPageToken! });
    expect(await collectPage(entries(["a", "b/", "b/", "c"]), request)).toEqual({
      items: [{ name: "c", size: 1 }],
      prefixes: [],
    });
  });

  it("refuses tokens it did not issue", () => {
    for (const pageToken of ["", "x", "n", "n!!", `${encodePageToken("a")}=`]) {
      expect(() => checkListOptions("p1-app", { pageToken })).toThrow(/page token/);
    }
  });
});
