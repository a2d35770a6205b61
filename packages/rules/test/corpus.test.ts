import { describe, expect, it } from "vitest";
import { parseRules } from "../src/syntax/parser.js";
import { printRules } from "../src/syntax/printer.js";
import { CONFORMANCE_RULES_DIR, corpusFiles, readRulesFiles, stripLocations } from "./support.js";

const corpus = corpusFiles();
const conformance = readRulesFiles(CONFORMANCE_RULES_DIR, "conformance");

describe("rules corpus", () => {
  it("has enough files to be worth round-tripping", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    expect(conformance.length).toBeGreaterThan(0);
  });

  it("covers both services and both language versions", () => {
    const trees = corpus.map((file) => parseRules(file.source, file.name));
    expect(new Set(trees.map((t) => t.service.name))).toEqual(
      new Set(["cloud.firestore", "firebase.storage"]),
    );
    expect(new Set(trees.map((t) => t.version))).toEqual(new Set(["1", "2"]));
  });
});

describe.each([...corpus, ...conformance])("$name", ({ name, source }) => {
  it("prints to text that parses back to the same tree", () => {
    const ast = parseRules(source, name);
    const printed = printRules(ast);
    let reparsed;
    try {
      reparsed = parseRules(printed, `printed ${name}`);
    } catch (e) {
      // Show the printed text: the parser's caret excerpt alone does not say what was printed.
      throw new Error(`${(e as Error).message}\n--- printed ---\n${printed}`, { cause: e });
    }
    expect(stripLocations(reparsed)).toEqual(stripLocations(ast));
  });

  it("prints idempotently", () => {
    const printed = printRules(parseRules(source, name));
    expect(printRules(parseRules(printed, name))).toBe(printed);
  });
});
