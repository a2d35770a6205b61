import { describe as group, expect, it } from "vitest";
import { toWireFields } from "./data-value.js";
import { readFirestoreData } from "./read-data.js";
import { positionOf, problems, readProject, writeProject } from "./test-fixtures.js";

const TREE_TEXT = JSON.stringify(
  { __collections__: { users: { u1: { name: "Ada", n: 1 }, u2: { name: "Bob", n: 2 } } } },
  null,
  2,
);

group("finding the data", () => {
  it("returns null when the project has no firestore-data folder", async () => {
    expect(await readFirestoreData(await writeProject({ "firebase.json": "{}" }))).toBeNull();
  });

  it("reports an empty folder as nothing to import, complete", async () => {
    const data = await readProject({ "firestore-data/.keep": "" });
    expect(data.documents).toEqual([]);
    expect(data.files).toEqual([]);
    expect(data.complete).toBe(true);
    expect(problems(data)).toEqual([
      "needs-change firestore-data:1:- firestore-data: the folder holds no .json or .ndjson " +
        "file: there is no data to import",
    ]);
  });

  it("reads the files in name order and names the ones it skips", async () => {
    const data = await readProject({
      "firestore-data/b.json": JSON.stringify([{ name: "c/2" }]),
      "firestore-data/a.ndjson": '{"name": "c/1"}\n',
      "firestore-data/10.json": JSON.stringify({ documents: [{ name: "c/0" }] }),
      "firestore-data/notes.txt": "hello",
      "firestore-data/2026-01-01.overall_export_metadata": "",
    });
    expect(data.files).toEqual([
      "firestore-data/10.json",
      "firestore-data/a.ndjson",
      "firestore-data/b.json",
    ]);
    expect(data.documents.map((d) => d.path)).toEqual(["c/0", "c/1", "c/2"]);
    expect(data.complete).toBe(true);
    expect(problems(data)).toEqual([
      "unsupported firestore-data:1:- firestore-data: not read: " +
        "2026-01-01.overall_export_metadata, notes.txt — only .json and .ndjson files are; " +
        "a managed Firestore export (LevelDB) is not readable",
    ]);
  });

  it("orders by code unit, not by creation or locale", async () => {
    // Written in reverse, and "B" sorts before "a" by code unit but after it by locale.
    const names = ["z", "y", "x", "w", "v", "u", "a", "B"];
    const files = Object.fromEntries(
      names.map((n) => [`firestore-data/${n}.ndjson`, `{"name": "c/${n}"}`]),
    );
    const data = await readProject(files);
    expect(data.documents.map((d) => d.path)).toEqual(
      ["B", "a", "u", "v", "w", "x", "y", "z"].map((n) => `c/${n}`),
    );
  });

  it("reports the same document in two files with both places", async () => {
    const data = await readProject({
      "firestore-data/1.ndjson": '{"name": "c/1"}',
      "firestore-data/2.json": '{"__collections__": {"c": {"1": {"x": 1}}}}',
    });
    // Column 28 is the quote of the document id "1": what a tree document is cited by.
    expect(problems(data)).toEqual([
      "needs-change firestore-data/2.json:1:28 c/1: the document is given twice, first at " +
        "firestore-data/1.ndjson:1:1; this copy is left out",
    ]);
    expect(data.complete).toBe(false);
  });

  it("reads one file given explicitly, and reports a missing one", async () => {
    const dir = await writeProject({ "exports/users.json": TREE_TEXT });
    const data = await readFirestoreData(dir, "exports/users.json");
    expect(data?.files).toEqual(["exports/users.json"]);
    expect(data?.documents.map((d) => d.path)).toEqual(["users/u1", "users/u2"]);
    const missing = await readFirestoreData(dir, "nope.json");
    expect(missing?.complete).toBe(false);
    expect(problems(missing!)).toEqual([
      "not-understood nope.json:1:1 nope.json: the data location does not exist",
    ]);
  });
});

group("NDJSON", () => {
  it("reads one REST document per line and cites lines in the file", async () => {
    const text = [
      '{"name": "projects/p/databases/(default)/documents/users/u1", "fields": {"a": {"integerValue": "7"}}}',
      "",
      '{"name": "users/u2", "fields": {"when": {"timestampValue": "2024-01-01T00:00:00Z"}}}',
      '{"name": "users/u3", "fields": {"bad": {"integerValue": "1.5"}}}',
      '{"name": "users/u4", "fields": {"cut": {"stringValue": "x"',
    ].join("\n");
    const data = await readProject({ "firestore-data/docs.ndjson": text });
    expect(data.documents.map((d) => d.path)).toEqual(["users/u1", "users/u2"]);
    expect(data.documents[1]?.source).toEqual({
      file: "firestore-data/docs.ndjson",
      line: 3,
      column: 1,
    });
    expect(toWireFields(data.documents[0]!, "w")).toEqual({ a: { integerValue: "7" } });
    expect(problems(data)).toEqual([
      `needs-change firestore-data/docs.ndjson:${positionOf(text, '"1.5"')} users/u3: field bad: ` +
        'integerValue: "1.5" is not an integer; the document is left out',
      `not-understood firestore-data/docs.ndjson:5:${text.split("\n")[4]!.length + 1} ` +
        "firestore-data/docs.ndjson: expected ',' " +
        "or '}' after a property but found the end of the file",
    ]);
    expect(data.complete).toBe(false);
  });
});

group("files that cannot be read to their end", () => {
  it("cites the end of a file cut in half", async () => {
    const whole = JSON.stringify(
      { documents: Array.from({ length: 6 }, (_, i) => ({ name: `c/${i}` })) },
      null,
      2,
    );
    // Cut after a comma near the middle, so the parser stops exactly at the end of the text.
    const cut = whole.slice(0, whole.lastIndexOf(",", whole.length / 2) + 1);
    const lines = cut.split("\n");
    const end = `${lines.length}:${lines.at(-1)!.length + 1}`;
    const data = await readProject({ "firestore-data/half.json": cut });
    expect(problems(data)).toEqual([
      `not-understood firestore-data/half.json:${end} firestore-data/half.json: expected a ` +
        "value but found the end of the file",
    ]);
    expect(data.complete).toBe(false);
    expect(data.documents).toEqual([]);
  });

  it("refuses a file that is not UTF-8, or in neither format, or a later export version", async () => {
    const data = await readProject({
      "firestore-data/a.json": new Uint8Array([0x5b, 0x22, 0xff, 0x22, 0x5d]), // ["\xff"]
      "firestore-data/b.json": '{"users": {}}',
      "firestore-data/c.json": '{"format": "winky-export/2", "documents": []}',
    });
    expect(problems(data)).toEqual([
      "not-understood firestore-data/a.json:1:1 firestore-data/a.json: the file is not valid UTF-8",
      "not-understood firestore-data/b.json:1:1 firestore-data/b.json: neither format: expected " +
        '{"documents": […]}, a list of documents, or {"__collections__": {…}}',
      'not-understood firestore-data/c.json:1:12 firestore-data/c.json: "format" must be ' +
        '"winky-export/1"; this reader knows no other version',
    ]);
    expect(data.complete).toBe(false);
  });
});
