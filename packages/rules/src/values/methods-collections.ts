/** Methods of lists, maps, sets and MapDiffs (reference §8). */
import { arg, badArgument, expectArity, isList, isString } from "./args.js";
import { makeSet, setKeys, valueKey, valuesEqual } from "./equality.js";
import { fail } from "./errors.js";
import { nullary, type Method, type MethodTable } from "./method-table.js";
import { compareStrings } from "./strings.js";
import { RMap, RMapDiff, RSet, typeOf, type Value } from "./value.js";

type List = readonly Value[];

function keySet(items: List): ReadonlySet<string> {
  return new Set(items.map(valueKey));
}

/**
 * `hasAll`/`hasAny`/`hasOnly`, written once over "items plus their key set" so lists and sets
 * share them. Repeats never matter: `['a','a','b'].hasOnly(['a','b','b'])` is true.
 */
const containment = {
  hasAll: (self: ReadonlySet<string>, other: List) => other.every((v) => self.has(valueKey(v))),
  hasAny: (self: ReadonlySet<string>, other: List) => other.some((v) => self.has(valueKey(v))),
  hasOnly: (self: List, other: ReadonlySet<string>) => self.every((v) => other.has(valueKey(v))),
};

function listArg(fn: string, args: readonly Value[]): List {
  expectArity(fn, args, 1);
  return arg(fn, args, 0, isList, "list");
}

/** Lists take only lists here (the docs' signatures); sets take a list or a set. */
export const LIST_METHODS: MethodTable<List> = new Map<string, Method<List>>([
  ["size", nullary((l: List) => l.length)],
  ["toSet", nullary((l: List) => makeSet(l))],
  ["concat", (l, args, fn) => [...l, ...listArg(fn, args)]],
  ["hasAll", (l, args, fn) => containment.hasAll(keySet(l), listArg(fn, args))],
  ["hasAny", (l, args, fn) => containment.hasAny(keySet(l), listArg(fn, args))],
  ["hasOnly", (l, args, fn) => containment.hasOnly(l, keySet(listArg(fn, args)))],
  [
    "removeAll",
    (l, args, fn) => {
      const drop = keySet(listArg(fn, args));
      return l.filter((v) => !drop.has(valueKey(v)));
    },
  ],
  [
    "join",
    (l, args, fn) => {
      expectArity(fn, args, 1);
      const separator = arg(fn, args, 0, isString, "string");
      // Only strings are joined: production's join is typed list<string>, and silently
      // stringifying other items would invent a format.
      for (const item of l) {
        if (typeof item !== "string") fail(`${fn}() joins strings only, found ${typeOf(item)}.`);
      }
      return l.join(separator);
    },
  ],
]);

/** Keys in code-point order: deterministic, and how Firestore orders map fields. */
function sortedKeys(m: RMap): string[] {
  return [...m.entries.keys()].sort(compareStrings);
}

/**
 * `m.get(key, default)`: `key` is a string or a list of strings walked level by level. Any
 * missing level, or a level that is not a map, gives the default (production-observed).
 */
function mapGet(m: RMap, args: readonly Value[], fn: string): Value {
  expectArity(fn, args, 2);
  const key = args[0] as Value;
  const fallback = args[1] as Value;
  if (typeof key === "string") {
    const v = m.entries.get(key);
    return v === undefined ? fallback : v; // not `??`: a stored null is a value
  }
  if (!Array.isArray(key)) return badArgument(fn, 0, "string or list of strings", key);
  if (key.length === 0) fail(`${fn}() key path must not be empty.`);
  for (const part of key) if (typeof part !== "string") badArgument(fn, 0, "list of strings", key);
  let current: Value = m;
  for (const part of key as readonly string[]) {
    if (!(current instanceof RMap)) return fallback;
    const next = current.entries.get(part);
    if (next === undefined) return fallback;
    current = next;
  }
  return current;
}

export const MAP_METHODS: MethodTable<RMap> = new Map<string, Method<RMap>>([
  ["size", nullary((m: RMap) => m.entries.size)],
  ["keys", nullary((m: RMap) => sortedKeys(m))],
  ["values", nullary((m: RMap) => sortedKeys(m).map((k) => m.entries.get(k) as Value))],
  ["get", mapGet],
  [
    "diff",
    (m, args, fn) => {
      expectArity(fn, args, 1);
      return new RMapDiff(
        m,
        arg(fn, args, 0, (v): v is RMap => v instanceof RMap, "map"),
      );
    },
  ],
]);

function setArg(fn: string, args: readonly Value[]): RSet {
  expectArity(fn, args, 1);
  return arg(fn, args, 0, (v): v is RSet => v instanceof RSet, "set");
}

/** The items of a set-or-list argument, with their key set. */
function setOrListArg(
  fn: string,
  args: readonly Value[],
): { items: List; keys: ReadonlySet<string> } {
  expectArity(fn, args, 1);
  const v = args[0] as Value;
  if (v instanceof RSet) return { items: v.items, keys: setKeys(v) };
  if (Array.isArray(v)) return { items: v, keys: keySet(v) };
  return badArgument(fn, 0, "set or list", v);
}

export const SET_METHODS: MethodTable<RSet> = new Map<string, Method<RSet>>([
  ["size", nullary((s: RSet) => s.items.length)],
  ["hasAll", (s, args, fn) => containment.hasAll(setKeys(s), setOrListArg(fn, args).items)],
  ["hasAny", (s, args, fn) => containment.hasAny(setKeys(s), setOrListArg(fn, args).items)],
  ["hasOnly", (s, args, fn) => containment.hasOnly(s.items, setOrListArg(fn, args).keys)],
  // Receiver minus argument: the docs' example, not their (reversed) prose.
  [
    "difference",
    (s, args, fn) => {
      const other = setKeys(setArg(fn, args));
      return makeSet(s.items.filter((v) => !other.has(valueKey(v))));
    },
  ],
  [
    "intersection",
    (s, args, fn) => {
      const other = setKeys(setArg(fn, args));
      return makeSet(s.items.filter((v) => other.has(valueKey(v))));
    },
  ],
  ["union", (s, args, fn) => makeSet([...s.items, ...setArg(fn, args).items])],
]);

type KeyKind = "added" | "removed" | "changed" | "unchanged";

/** Classifies every key of `left.diff(right)`; keys come out in code-point order. */
function diffKeys(d: RMapDiff, wanted: ReadonlySet<KeyKind>): RSet {
  const keys = new Set([...d.left.entries.keys(), ...d.right.entries.keys()]);
  const out: string[] = [];
  for (const key of [...keys].sort(compareStrings)) {
    const l = d.left.entries.get(key);
    const r = d.right.entries.get(key);
    const kind: KeyKind =
      r === undefined
        ? "added"
        : l === undefined
          ? "removed"
          : valuesEqual(l, r)
            ? "unchanged"
            : "changed";
    if (wanted.has(kind)) out.push(key);
  }
  return new RSet(out);
}

export const MAP_DIFF_METHODS: MethodTable<RMapDiff> = new Map<string, Method<RMapDiff>>([
  ["addedKeys", nullary((d: RMapDiff) => diffKeys(d, new Set(["added"])))],
  ["removedKeys", nullary((d: RMapDiff) => diffKeys(d, new Set(["removed"])))],
  ["changedKeys", nullary((d: RMapDiff) => diffKeys(d, new Set(["changed"])))],
  ["unchangedKeys", nullary((d: RMapDiff) => diffKeys(d, new Set(["unchanged"])))],
  ["affectedKeys", nullary((d: RMapDiff) => diffKeys(d, new Set(["added", "removed", "changed"])))],
]);
