import { describe, expect, it } from "vitest";
import { makeSet, valuesEqual } from "./equality.js";
import { RulesEvalError } from "./errors.js";
import { hasMethod } from "./methods.js";
import { bytes, call, f, g, hex, m, p } from "./test-helpers.js";
import type { RPath } from "./value.js";
import { RDuration, RFloat, RLatLng, RMapDiff, RSet, RTimestamp, type Value } from "./value.js";

const setOf = (...items: Value[]): RSet => makeSet(items);
const sameSet = (a: Value, b: RSet) => expect(valuesEqual(a, b)).toBe(true);

describe("callMethod dispatch", () => {
  it("reports unknown methods as production does", () => {
    expect(() => call("x", "nope")).toThrow(
      new RulesEvalError("Function not found error: Name: [nope]."),
    );
    expect(() => call(m({}), "hasAll", ["a"])).toThrow("Function not found error: Name: [hasAll].");
    expect(() => call("x", "toString")).toThrow("Function not found error: Name: [toString].");
    expect(() => call(1, "size")).toThrow("Function not found error: Name: [size].");
    expect(() => call(f(1), "abs")).toThrow("Function not found error: Name: [abs].");
    expect(() => call(["a"], "difference", ["a"])).toThrow(
      "Function not found error: Name: [difference].",
    );
  });

  it("fails with Null value error on a null receiver", () => {
    expect(() => call(null, "size")).toThrow(new RulesEvalError("Null value error."));
  });

  it("checks arity and argument types, naming the method", () => {
    expect(() => call("x", "size", 1)).toThrow(
      new RulesEvalError("string.size() takes 0 arguments, got 1."),
    );
    expect(() => call("x", "matches")).toThrow("string.matches() takes 1 argument, got 0.");
    expect(() => call("x", "matches", 1)).toThrow(
      "string.matches() argument 1: expected string, got int.",
    );
    expect(() => call(["a"], "hasAll", makeSet(["a"]))).toThrow(
      "list.hasAll() argument 1: expected list, got set.",
    );
  });

  it("answers hasMethod for the checker", () => {
    expect(hasMethod("string", "matches")).toBe(true);
    expect(hasMethod("map", "hasAll")).toBe(false);
    expect(hasMethod("int", "size")).toBe(false);
  });
});

describe("string methods", () => {
  it("changes case and trims", () => {
    expect(call("HeLLo", "lower")).toBe("hello");
    expect(call("HeLLo", "upper")).toBe("HELLO");
    expect(call("  hi there \n", "trim")).toBe("hi there");
  });

  it("counts characters", () => {
    expect(call("hello", "size")).toBe(5);
    expect(call("é", "size")).toBe(1);
    expect(call("😀", "size")).toBe(1);
    expect(call("", "size")).toBe(0);
  });

  it("matches the whole string", () => {
    expect(call("hello world", "matches", "world")).toBe(false);
    expect(call("hello world", "matches", ".*world")).toBe(true);
    expect(call("image/png", "matches", "image/.*")).toBe(true);
    expect(call("image/png", "matches", "image/(png|jpeg)")).toBe(true);
    expect(call("image/gif", "matches", "image/(png|jpeg)")).toBe(false);
    expect(call("ab", "matches", "a|ab")).toBe(true);
    expect(call("x.txt", "matches", ".*\\.txt")).toBe(true);
    expect(call("xtxt", "matches", ".*\\.txt")).toBe(false);
  });

  it("replaces every regex match, literally", () => {
    expect(call("foo@test.com", "replace", ".", "-")).toBe("------------");
    expect(call("banana", "replace", "a", "o")).toBe("bonono");
    expect(call("a  b   c", "replace", "  ", " ")).toBe("a b  c");
    expect(call("abc", "replace", "b", "$&$1")).toBe("a$&$1c");
  });

  it("splits on a regex", () => {
    expect(call("a/b/c", "split", "/")).toEqual(["a", "b", "c"]);
    expect(call("news,tech", "split", ",")).toEqual(["news", "tech"]);
    expect(call("a1b22c", "split", "[0-9]+")).toEqual(["a", "b", "c"]);
    expect(call("a.b", "split", ".")).toEqual(["", "", "", ""]);
    expect(call("a,b,", "split", ",")).toEqual(["a", "b", ""]);
    expect(call("abc", "split", "")).toEqual(["a", "b", "c"]);
    expect(call("a(b)c", "split", "(\\()")).toEqual(["a", "b)c"]);
    expect(call("", "split", ",")).toEqual([""]);
  });

  it("encodes to UTF-8 bytes", () => {
    expect(call(call("é", "toUtf8"), "size")).toBe(2);
    expect(call("hi", "toUtf8")).toEqual(bytes(0x68, 0x69));
  });
});

describe("bytes methods", () => {
  it("counts bytes", () => {
    expect(call(bytes(1, 2, 3), "size")).toBe(3);
  });

  it("encodes base64url with padding", () => {
    expect(call(call("hi", "toUtf8"), "toBase64")).toBe("aGk=");
    expect(call(call("~~~", "toUtf8"), "toBase64")).toBe("fn5-");
    expect(call(bytes(0xff, 0xff), "toBase64")).toBe("__8=");
    expect(call(bytes(), "toBase64")).toBe("");
  });

  it("renders uppercase hex", () => {
    expect(hex(bytes(0x2a))).toBe("2A");
    expect(hex(bytes(0xab, 0x01))).toBe("AB01");
  });
});

describe("list methods", () => {
  it("concatenates without deduplicating", () => {
    expect(call(["a", "b"], "concat", ["b", "c"])).toEqual(["a", "b", "b", "c"]);
  });

  it("checks containment", () => {
    expect(call(["a", "b"], "hasAll", ["a"])).toBe(true);
    expect(call(["a", "b"], "hasAll", ["a", "c"])).toBe(false);
    expect(call(["a"], "hasAll", [])).toBe(true);
    expect(call(["a", "b"], "hasAny", ["c", "b"])).toBe(true);
    expect(call(["a", "b"], "hasAny", [])).toBe(false);
    expect(call(["a", "a", "b"], "hasOnly", ["a", "b", "b"])).toBe(true);
    expect(call(["a", "b"], "hasOnly", ["a", "c"])).toBe(false);
    expect(call([1, 2], "hasAll", [f(1)])).toBe(true);
    expect(call(["news", "tech"], "hasOnly", ["news", "tech", "sport"])).toBe(true);
  });

  it("joins strings", () => {
    expect(call(["a", "b", "c"], "join", ",")).toBe("a,b,c");
    expect(call([], "join", ",")).toBe("");
    expect(() => call([1, 2], "join", ",")).toThrow("list.join() joins strings only, found int.");
  });

  it("removes all occurrences", () => {
    expect(call(["a", "b", "a", "c"], "removeAll", ["a", "x"])).toEqual(["b", "c"]);
  });

  it("sizes and converts to a set, keeping the first of equal items", () => {
    expect(call(["a", "b"], "size")).toBe(2);
    const s = call([1, "a", f(1), "a"], "toSet") as RSet;
    expect(s).toBeInstanceOf(RSet);
    expect(s.items).toEqual([1, "a"]);
  });
});

describe("map methods", () => {
  const nested = m({ a: m({ b: m({ c: "X" }) }) });

  it("gets with a string key and a default", () => {
    expect(call(m({ a: "X" }), "get", "a", "DEF")).toBe("X");
    expect(call(m({ a: "X" }), "get", "z", "DEF")).toBe("DEF");
    expect(call(m({ a: null }), "get", "a", "DEF")).toBe(null);
    expect(call(m({}), "get", "toString", "DEF")).toBe("DEF");
  });

  it("gets with a list key path", () => {
    expect(call(m({ a: m({ b: 1 }) }), "get", ["a", "b"], 7)).toBe(1);
    expect(call(nested, "get", ["a", "b", "c"], "DEF")).toBe("X");
    expect(call(nested, "get", ["a", "b", "z"], "DEF")).toBe("DEF");
    expect(call(nested, "get", ["a", "z", "c"], "DEF")).toBe("DEF");
    expect(call(nested, "get", ["z", "b", "c"], "DEF")).toBe("DEF");
    expect(call(m({ a: "leaf-string" }), "get", ["a", "b"], "DEF")).toBe("DEF");
    expect(call(m({ a: 7 }), "get", ["a", "b"], "DEF")).toBe("DEF");
    expect(call(nested, "get", ["a"], "DEF")).toBe(nested.entries.get("a"));
  });

  it("rejects bad keys", () => {
    expect(() => call(nested, "get", 1, "DEF")).toThrow(
      "map.get() argument 1: expected string or list of strings, got int.",
    );
    expect(() => call(nested, "get", ["a", 1], "DEF")).toThrow(RulesEvalError);
    expect(() => call(nested, "get", [], "DEF")).toThrow(RulesEvalError);
    expect(() => call(nested, "get", "a")).toThrow("map.get() takes 2 arguments, got 1.");
  });

  it("lists keys sorted and values in the same order", () => {
    const map = m({ b: 2, a: 1, c: 3 });
    expect(call(map, "keys")).toEqual(["a", "b", "c"]);
    expect(call(map, "values")).toEqual([1, 2, 3]);
    expect(call(map, "size")).toBe(3);
    expect(valuesEqual(call(map, "keys"), call(m({ c: 0, a: 0, b: 0 }), "keys"))).toBe(true);
  });

  it("diffs against another map", () => {
    const d = call(m({ a: 1 }), "diff", m({}));
    expect(d).toBeInstanceOf(RMapDiff);
    expect(() => call(m({}), "diff", [])).toThrow("map.diff() argument 1: expected map, got list.");
  });
});

describe("set methods", () => {
  it("takes the difference receiver − argument", () => {
    sameSet(call(setOf("a", "b"), "difference", setOf("a", "c")), setOf("b"));
  });

  it("intersects and unites", () => {
    sameSet(call(setOf("a", "b"), "intersection", setOf("b", "c")), setOf("b"));
    sameSet(call(setOf("a", "b"), "union", setOf("b", "c")), setOf("a", "b", "c"));
    expect((call(setOf("a", "b"), "union", setOf("b", "c")) as RSet).items).toEqual([
      "a",
      "b",
      "c",
    ]);
  });

  it("requires a set for set algebra", () => {
    expect(() => call(setOf("a"), "union", ["a"])).toThrow(
      "set.union() argument 1: expected set, got list.",
    );
  });

  it("takes a set or a list for containment", () => {
    expect(call(setOf("a", "b"), "hasAll", ["a"])).toBe(true);
    expect(call(setOf("a", "b"), "hasAll", setOf("a", "b"))).toBe(true);
    expect(call(setOf("a", "b"), "hasAny", ["c"])).toBe(false);
    expect(call(setOf("a", "b"), "hasOnly", setOf("a", "b", "c"))).toBe(true);
    expect(call(setOf("a", "b"), "hasOnly", ["a"])).toBe(false);
    expect(() => call(setOf("a"), "hasAll", "a")).toThrow(
      "set.hasAll() argument 1: expected set or list, got string.",
    );
  });

  it("sizes", () => {
    expect(call(setOf("a", "b", "a"), "size")).toBe(2);
  });
});

describe("MapDiff methods", () => {
  const diff = call(m({ a: 0, c: 0, u: 0 }), "diff", m({ r: 0, c: 1, u: 0 }));

  it("classifies keys", () => {
    sameSet(call(call(m({ a: 1 }), "diff", m({})), "addedKeys"), setOf("a"));
    sameSet(call(diff, "addedKeys"), setOf("a"));
    sameSet(call(diff, "removedKeys"), setOf("r"));
    sameSet(call(diff, "changedKeys"), setOf("c"));
    sameSet(call(diff, "unchangedKeys"), setOf("u"));
    sameSet(call(diff, "affectedKeys"), setOf("a", "r", "c"));
  });

  it("compares values by rules equality", () => {
    const d = call(m({ n: 1, l: [1] }), "diff", m({ n: f(1), l: [f(1)] }));
    sameSet(call(d, "unchangedKeys"), setOf("n", "l"));
  });
});

describe("path methods", () => {
  it("binds placeholder segments", () => {
    const bound = call(g("path", "users/{uid}"), "bind", m({ uid: "alice" })) as RPath;
    expect(valuesEqual(bound, g("path", "users/alice"))).toBe(true);
    expect(bound.bindings.get("uid")).toBe("alice");
    const two = call(p("path", "{foo}", "{bar}"), "bind", m({ foo: "something", bar: "another" }));
    expect((two as RPath).segments).toEqual(["path", "something", "another"]);
    const rest = call(p("a", "{rest=**}"), "bind", m({ rest: "x/y" }));
    expect((rest as RPath).segments).toEqual(["a", "x", "y"]);
    expect((call(p("a", "{b}"), "bind", m({})) as RPath).segments).toEqual(["a", "{b}"]);
    expect(() => call(p("{a}"), "bind", m({ a: [] }))).toThrow(RulesEvalError);
    expect(() => call(p("a"), "bind", "x")).toThrow(
      "path.bind() argument 1: expected map, got string.",
    );
  });
});

describe("timestamp methods", () => {
  // 2023-06-15T12:30:45.123456789Z, a Thursday.
  const t = call(g("timestamp.date", 2023, 6, 15), "date") as RTimestamp;
  const ts = new RTimestamp(t.seconds + 12 * 3600 + 30 * 60 + 45, 123_456_789);

  it("reads calendar fields in UTC", () => {
    expect(call(ts, "year")).toBe(2023);
    expect(call(ts, "month")).toBe(6);
    expect(call(ts, "day")).toBe(15);
    expect(call(ts, "hours")).toBe(12);
    expect(call(ts, "minutes")).toBe(30);
    expect(call(ts, "seconds")).toBe(45);
    expect(call(ts, "nanos")).toBe(123_456_789);
    expect(call(ts, "dayOfWeek")).toBe(4);
    expect(call(ts, "dayOfYear")).toBe(166);
    expect(call(ts, "toMillis")).toBe(1686832245123);
  });

  it("numbers days of the week Monday=1 … Sunday=7", () => {
    expect(call(g("timestamp.date", 2025, 1, 5), "dayOfWeek")).toBe(7);
    expect(call(g("timestamp.date", 2025, 1, 6), "dayOfWeek")).toBe(1);
    expect(call(g("timestamp.value", 0), "dayOfWeek")).toBe(4);
    expect(call(g("timestamp.date", 1, 1, 1), "dayOfWeek")).toBe(1);
  });

  it("counts leap-year days", () => {
    expect(call(g("timestamp.date", 2024, 12, 31), "dayOfYear")).toBe(366);
    expect(call(g("timestamp.date", 2023, 12, 31), "dayOfYear")).toBe(365);
  });

  it("splits into date and time", () => {
    expect(call(ts, "date")).toEqual(g("timestamp.date", 2023, 6, 15));
    expect(call(ts, "time")).toEqual(new RDuration(12 * 3600 + 30 * 60 + 45, 123_456_789));
  });

  it("handles instants before the epoch", () => {
    const before = new RTimestamp(-1, 500_000_000); // 1969-12-31T23:59:59.5Z
    expect(call(before, "year")).toBe(1969);
    expect(call(before, "hours")).toBe(23);
    expect(call(before, "seconds")).toBe(59);
    expect(call(before, "toMillis")).toBe(-500);
  });
});

describe("duration methods", () => {
  it("reads signed seconds and nanos", () => {
    const d = new RDuration(-1, -500);
    expect(call(d, "seconds")).toBe(-1);
    expect(call(d, "nanos")).toBe(-500);
  });
});

describe("latlng methods", () => {
  const here = new RLatLng(0, 0);
  it("reads coordinates as floats", () => {
    expect(call(new RLatLng(1, 2.5), "latitude")).toEqual(f(1));
    expect(call(new RLatLng(1, 2.5), "longitude")).toEqual(f(2.5));
  });

  it("measures great-circle distance in metres", () => {
    const d = call(here, "distance", new RLatLng(0, 1)) as RFloat;
    expect(d).toBeInstanceOf(RFloat);
    expect(d.value).toBeCloseTo(111195.1012, 3);
    expect(call(here, "distance", here)).toEqual(f(0));
    expect((call(new RLatLng(90, 0), "distance", new RLatLng(-90, 0)) as RFloat).value).toBeCloseTo(
      Math.PI * 6_371_010,
      3,
    );
  });
});
